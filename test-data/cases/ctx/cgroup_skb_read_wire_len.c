// case: cgroup_skb program reads skb->wire_len, which cgroup_skb may not access
// expect: ctx.bad_access @ line 12
// kernel: reject
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/ingress")
int cg_wire_len(struct __sk_buff *skb)
{
    return skb->wire_len > 1500 ? 0 : 1; // <-- wire_len is not available to cgroup_skb
}

char LICENSE[] SEC("license") = "GPL";
