// case: a 1-byte read of `skops->op`: sock_ops_is_valid_access reads every u32 field whole (only skb_tcp_flags may be read narrow)
// expect: ctx.bad_access @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("sockops")
int sockops_narrow(struct bpf_sock_ops *skops)
{
    __u8 op = *(volatile __u8 *)&skops->op; // <-- narrow read of a sock_ops field
    return op == BPF_SOCK_OPS_TIMEOUT_INIT;
}

char LICENSE[] SEC("license") = "GPL";
