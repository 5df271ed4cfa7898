// case: a tc program releases skb->sk, the socket the packet already belongs to; it was never acquired by a lookup, so there is nothing to release
// kernel: reject
// expect: ref.release_unacquired @ line 23
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

static struct bpf_sock *(*bpf_sk_fullsock)(struct bpf_sock *sk) = (void *)95;
static long (*bpf_sk_release)(void *sock) = (void *)86;

__u64 seen;

SEC("tc")
int tc_owner(struct __sk_buff *skb) {
    struct bpf_sock *sk = skb->sk;
    if (!sk)
        return TC_ACT_OK;
    sk = bpf_sk_fullsock(sk);
    if (!sk)
        return TC_ACT_OK;
    seen += sk->mark;
    bpf_sk_release(sk);
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
