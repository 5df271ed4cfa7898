// case: a socket found with bpf_sk_lookup_tcp is still held when the program tail-calls on one path
// kernel: reject
// expect: tailcall.reference_leak @ line 34
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_tail_call)(void *ctx, void *map, __u32 index) = (void *)12;
static struct bpf_sock *(*bpf_sk_lookup_tcp)(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size,
                                             __u64 netns, __u64 flags) = (void *)84;
static long (*bpf_sk_release)(void *sock) = (void *)86;

struct {
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u32);
} stages SEC(".maps");

SEC("tc")
int tc_lookup_then_jump(struct __sk_buff *skb)
{
    struct bpf_sock_tuple tuple = {};
    struct bpf_sock *sk;

    tuple.ipv4.dport = skb->mark & 0xffff;
    sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
    if (!sk)
        return 0;
    if (skb->len > 1000)
        bpf_tail_call(skb, &stages, 0);
    bpf_sk_release(sk);
    return 1;
}

char _license[] SEC("license") = "GPL";
