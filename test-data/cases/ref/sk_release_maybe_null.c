// case: the lookup result is released unconditionally, also when the lookup returned NULL
// kernel: reject
// expect: helper.arg_type @ line 36
//
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

static struct bpf_sock *(*bpf_sk_lookup_tcp)(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size,
                                             __u64 netns, __u64 flags) = (void *)84;
static long (*bpf_sk_release)(void *sock) = (void *)86;

SEC("tc")
int tc_sock_state(struct __sk_buff *skb) {
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    struct ethhdr *eth = data;
    struct iphdr *ip = (void *)(eth + 1);
    struct tcphdr *tcp = (void *)(ip + 1);
    if ((void *)(tcp + 1) > data_end || ip->ihl != 5 || ip->protocol != IPPROTO_TCP)
        return TC_ACT_OK;
    struct bpf_sock_tuple tuple = {};
    tuple.ipv4.saddr = ip->saddr;
    tuple.ipv4.daddr = ip->daddr;
    tuple.ipv4.sport = tcp->source;
    tuple.ipv4.dport = tcp->dest;
    struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
    int established = 0;
    if (sk)
        established = sk->state == 1; /* TCP_ESTABLISHED */
    bpf_sk_release(sk);
    return established ? TC_ACT_OK : TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
