// case: a cgroup_skb verdict (0 or 1) negated twice: from Linux 6.17 the kernel keeps bounds through BPF_NEG ([-1, 0], then [0, 1]), and the return value is in range
// requires: neg-range-tracking
// args: --kernel 6.17
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/egress")
int negated_verdict(struct __sk_buff *skb)
{
    long verdict = skb->len > 1500;

    asm volatile("%[v] = -%[v]" : [v] "+r"(verdict));
    asm volatile("%[v] = -%[v]" : [v] "+r"(verdict));
    return verdict;
}

char LICENSE[] SEC("license") = "GPL";
