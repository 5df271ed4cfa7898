// case: tp_btf/sched_switch reads only 4 bytes of the pointer argument prev; pointer arguments must be read whole
// expect: ctx.bad_access @ line 13
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tp_btf/sched_switch")
int sched_switch_narrow(unsigned long long *ctx)
{
    unsigned int *slots = (unsigned int *)ctx;
    return slots[2] != 0; // low half of ctx[1], prev
}

char LICENSE[] SEC("license") = "GPL";
