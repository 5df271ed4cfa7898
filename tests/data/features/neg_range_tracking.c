// Does the running kernel keep a register's bounds through BPF_NEG (Linux
// 6.17, "bpf: Add range tracking for BPF_NEG")? Earlier kernels mark the
// negated register unknown, and this cgroup_skb program, whose verdict is a
// 0/1 negated twice, then fails the return-range check. kernel_compare.py
// loads this with kernel_verdict (tests/data/cases.py:
// running_kernel_features) and compares cases that `requires:
// neg-range-tracking` only where it loads.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/egress")
int neg_range_probe(struct __sk_buff *skb)
{
    long verdict = skb->len > 1500;

    asm volatile("%[v] = -%[v]" : [v] "+r"(verdict));
    asm volatile("%[v] = -%[v]" : [v] "+r"(verdict));
    return verdict;
}

char LICENSE[] SEC("license") = "GPL";
