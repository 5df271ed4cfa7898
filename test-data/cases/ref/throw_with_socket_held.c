// case: bpf_throw while a socket from bpf_sk_lookup_tcp is held: an exception exit leaks every reference (check_reference_leak with exception_exit)
// kernel: reject
// expect: ref.leak @ line 22
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_throw(__u64 cookie) __ksym;
static struct bpf_sock *(*bpf_sk_lookup_tcp)(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size,
                                              __u64 netns, __u64 flags) = (void *)84;
static long (*bpf_sk_release)(void *sock) = (void *)86;
SEC("tc")
int throw_holding_socket(struct __sk_buff *skb)
{
    struct bpf_sock_tuple tuple = {};
    struct bpf_sock *sk;

    sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), -1, 0);
    if (!sk)
        return 0;
    if (sk->state == 10) {
        // the socket is still held here
        bpf_throw(1);
    }
    bpf_sk_release(sk);
    return 0;
}
char _license[] SEC("license") = "GPL";
