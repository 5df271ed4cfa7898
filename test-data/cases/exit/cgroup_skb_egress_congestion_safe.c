// case: an egress cgroup_skb program may return 2 and 3 (allow/drop with congestion notification), kernel 5.4+
// kernel: accept
// expect: pass
//
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
