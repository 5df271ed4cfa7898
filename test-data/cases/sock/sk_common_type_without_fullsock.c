// case: a cgroup_skb program reads skb->sk->type: skb->sk is a sock_common, which has no type field; only bpf_sk_fullsock(sk) gives a struct bpf_sock with one ("invalid sock_common access")
// kernel: reject
// expect: mem.sock_field @ line 14
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/ingress")
int sk_type(struct __sk_buff *skb) {
    struct bpf_sock *sk = skb->sk;
    if (!sk)
        return 1;
    volatile __u32 type;
    type = sk->type;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
