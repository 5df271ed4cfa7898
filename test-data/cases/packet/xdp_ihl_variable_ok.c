// case: TCP header located through the variable IP header length (ihl * 4) and checked against data_end
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/in.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

SEC("xdp")
int xdp_block_telnet(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;

    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    if (eth->h_proto != bpf_htons(ETH_P_IP))
        return XDP_PASS;
    struct iphdr *iph = (void *)(eth + 1);
    if ((void *)(iph + 1) > data_end)
        return XDP_DROP;
    if (iph->protocol != IPPROTO_TCP)
        return XDP_PASS;
    __u32 hlen = iph->ihl * 4;
    if (hlen < sizeof(*iph))
        return XDP_DROP;
    struct tcphdr *tcp = (void *)iph + hlen;
    if ((void *)(tcp + 1) > data_end)
        return XDP_DROP;
    if (tcp->dest == bpf_htons(23))
        return XDP_DROP;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
