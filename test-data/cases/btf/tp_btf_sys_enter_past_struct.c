// case: tp_btf/sys_enter reads 8 bytes just past struct pt_regs (168 bytes on x86-64) through its typed argument
// expect: btf.bad_access @ line 14
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tp_btf/sys_enter")
int sys_enter_past_struct(unsigned long long *ctx)
{
    unsigned long *regs = (unsigned long *)ctx[0];
    // <-- regs[21] is at offset 168 = sizeof(struct pt_regs)
    return regs[21] != 0;
}

char LICENSE[] SEC("license") = "GPL";
