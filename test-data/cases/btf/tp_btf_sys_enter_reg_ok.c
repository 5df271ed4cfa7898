// case: tp_btf/sys_enter reads regs->di and the syscall id: struct pt_regs *regs is typed from the kernel's BTF and di is a member (x86-64 layout)
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* arch/x86/include/asm/ptrace.h, x86-64 */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

SEC("tp_btf/sys_enter")
int sys_enter_ok(unsigned long long *ctx)
{
    struct pt_regs *regs = (struct pt_regs *)ctx[0];
    long id = (long)ctx[1];
    return regs->di + id != 0;
}

char LICENSE[] SEC("license") = "GPL";
