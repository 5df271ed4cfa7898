// case: an 8-byte read at offset 0 of a struct bpf_sock: its fields are 4 bytes wide (bound_dev_if, family)
// kernel: reject
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
SEC("cgroup_skb/ingress")
int port_high(struct __sk_buff *skb)
{
    struct bpf_sock *sk = skb->sk;
    if (!sk)
        return 1;
    return *(volatile __u64 *)sk == 0 ? 1 : 0;
}
char _license[] SEC("license") = "GPL";
