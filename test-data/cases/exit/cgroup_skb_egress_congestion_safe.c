// case: an egress cgroup_skb program may return 2 and 3 (allow/drop with congestion notification), kernel 5.4+
// kernel: accept
// expect: pass
// xfail: the cgroup_skb program type (platform/program_types.cpp) has the fixed return range [0, 1]; the kernel's check_return_code widens it to [0, 3] when expected_attach_type is BPF_CGROUP_INET_EGRESS, which libbpf sets for SEC("cgroup_skb/egress")
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/egress")
int egress_shaper(struct __sk_buff *skb) {
    if (skb->len > 9000)
        return 2; /* drop, and tell TCP to back off (NET_XMIT_CN) */
    if (skb->priority > 6)
        return 3; /* allow, with congestion notification */
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
