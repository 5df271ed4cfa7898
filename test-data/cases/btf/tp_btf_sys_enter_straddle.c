// case: tp_btf/sys_enter reads 8 bytes at offset 4 of struct pt_regs: half of r15, half of r14, no member
// expect: btf.bad_access @ line 13
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tp_btf/sys_enter")
int sys_enter_straddle(unsigned long long *ctx)
{
    char *regs = (char *)ctx[0];
    return *(unsigned long *)(regs + 4) != 0;
}

char LICENSE[] SEC("license") = "GPL";
