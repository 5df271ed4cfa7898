// case: an ingress cgroup_skb program returns 2, outside the allowed verdicts 0 (drop) and 1 (allow) (reported at the exit, the closing brace)
// kernel: reject
// expect: exit.return_range @ line 16
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/ingress")
int ingress_filter(struct __sk_buff *skb) {
    if (skb->len > 1500)
        return 0;
    if (skb->protocol == __builtin_bswap16(0x86DD))
        return 1;
    /* "2 = allow and count" is not a verdict the kernel knows */
    return 2;
}

char LICENSE[] SEC("license") = "GPL";
