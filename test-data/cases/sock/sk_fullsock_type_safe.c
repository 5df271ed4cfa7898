// case: a cgroup_skb program reads the type of bpf_sk_fullsock(skb->sk), a full socket, and the family of skb->sk itself, a sock_common field
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static struct bpf_sock *(*bpf_sk_fullsock)(struct bpf_sock *sk) = (void *)95;

SEC("cgroup_skb/ingress")
int sk_type(struct __sk_buff *skb) {
    struct bpf_sock *sk = skb->sk;
    if (!sk)
        return 1;
    if (sk->family != 2)
        return 1;
    sk = bpf_sk_fullsock(sk);
    if (!sk)
        return 1;
    return sk->type == 1;
}

char LICENSE[] SEC("license") = "GPL";
