// case: length computed as data_end - data and compared with a constant: safe, but the verifier cannot relate the number to the packet pointer
// expect: pass
// kernel: reject
// kernel-differs: the kernel is imprecise: pkt_end - pkt is an unknown scalar to it, so comparing that length gives no packet range; the program is safe
// xfail: bpfcheck also models pkt_end - pkt as an unknown scalar (executor_alu.cpp pointer - pointer: distance = top for packet) and reports packet.bounds
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

SEC("tc")
int tc_len_check(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    struct ethhdr *eth = data;

    if (data_end - data < (long)(sizeof(*eth) + sizeof(struct iphdr)))
        return TC_ACT_OK;
    if (eth->h_proto != bpf_htons(ETH_P_IP))
        return TC_ACT_OK;
    return TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
