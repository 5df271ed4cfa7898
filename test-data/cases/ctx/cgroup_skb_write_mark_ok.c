// case: cgroup_skb egress program sets skb->mark and skb->priority, both writable for cgroup_skb
// expect: pass
// kernel: accept
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/egress")
int cg_mark(struct __sk_buff *skb)
{
    skb->mark = 0x100;
    skb->priority = 3;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
