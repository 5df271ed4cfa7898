// case: bpf_tcp_sock(sk) on a looked-up socket carries its reference: after bpf_sk_release(sk) the tcp_sock may not be read ("invalid mem access")
// kernel: reject
// expect: ref.use_after_release @ line 27
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

static struct bpf_sock *(*bpf_sk_lookup_tcp)(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size,
                                             __u64 netns, __u64 flags) = (void *)84;
static long (*bpf_sk_release)(void *sock) = (void *)86;
static struct bpf_tcp_sock *(*bpf_tcp_sock)(struct bpf_sock *sk) = (void *)96;

SEC("tc")
int tcp_after_release(struct __sk_buff *skb) {
    struct bpf_sock_tuple tuple = {};
    struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
    if (!sk)
        return TC_ACT_OK;
    struct bpf_tcp_sock *tp = bpf_tcp_sock(sk);
    if (!tp) {
        bpf_sk_release(sk);
        return TC_ACT_OK;
    }
    bpf_sk_release(sk);
    __u32 cwnd;
    asm volatile("%0 = *(u32 *)(%1 + 0)" : "=r"(cwnd) : "r"(tp));
    return cwnd > 10 ? TC_ACT_OK : TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
