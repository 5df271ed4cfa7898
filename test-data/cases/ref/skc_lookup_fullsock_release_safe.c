// case: bpf_skc_lookup_tcp returns a socket-common reference; bpf_tcp_sock narrows it and the original pointer is released on every path
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

static struct bpf_sock *(*bpf_skc_lookup_tcp)(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size,
                                              __u64 netns, __u64 flags) = (void *)99;
static struct bpf_tcp_sock *(*bpf_tcp_sock)(struct bpf_sock *sk) = (void *)96;
static long (*bpf_sk_release)(void *sock) = (void *)86;

__u64 total_retrans;

SEC("tc")
int tc_retrans(struct __sk_buff *skb) {
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
    struct bpf_sock *skc = bpf_skc_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
    if (!skc)
        return TC_ACT_OK;
    struct bpf_tcp_sock *tp = bpf_tcp_sock(skc);
    if (tp)
        total_retrans += tp->total_retrans;
    bpf_sk_release(skc);
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
