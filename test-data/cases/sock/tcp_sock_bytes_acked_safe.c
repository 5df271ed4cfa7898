// case: bpf_tcp_sock() returns a struct bpf_tcp_sock, whose u64 bytes_acked (offset 88) lies past the end of struct bpf_sock and is read whole
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static struct bpf_tcp_sock *(*bpf_tcp_sock)(struct bpf_sock *sk) = (void *)96;

SEC("cgroup_skb/egress")
int acked(struct __sk_buff *skb) {
    struct bpf_sock *sk = skb->sk;
    if (!sk)
        return 1;
    struct bpf_tcp_sock *tp = bpf_tcp_sock(sk);
    if (!tp)
        return 1;
    return tp->bytes_acked > 1000 ? 1 : 0;
}

char LICENSE[] SEC("license") = "GPL";
