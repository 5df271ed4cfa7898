// case: cgroup_skb program reads skb->tc_classid, a tc-only field
// expect: ctx.bad_access @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/ingress")
int cg_classid(struct __sk_buff *skb)
{
    return skb->tc_classid == 0x10001 ? 0 : 1; // <-- tc_classid is not available to cgroup_skb
}

char LICENSE[] SEC("license") = "GPL";
