// case: the verdict of cgroup_skb_negated_verdict_safe for Linux 6.12, whose check_alu_op marks a negated register unknown (range tracking for BPF_NEG came in 6.17): the return value may lie outside [0, 1]
// requires: neg-range-tracking
// args: --kernel 6.12
// kernel: accept
// kernel-differs: the running kernel (6.17 or later) keeps the bounds through BPF_NEG and loads it; 6.12, the release checked here, refuses the return value
// expect: exit.return_range @ line 18
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/egress")
int negated_verdict_6_12(struct __sk_buff *skb)
{
    long verdict = skb->len > 1500;

    asm volatile("%[v] = -%[v]" : [v] "+r"(verdict));
    asm volatile("%[v] = -%[v]" : [v] "+r"(verdict));
    return verdict;
}

char LICENSE[] SEC("license") = "GPL";
