// case: kprobe reads the first three arguments (di, si, dx) and the 32-bit low half of di from pt_regs
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* struct pt_regs of x86-64 (arch/x86/include/asm/ptrace.h) */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

SEC("kprobe/tcp_sendmsg")
int kp_args(struct pt_regs *ctx)
{
    unsigned long sk = ctx->di;
    unsigned long msg = ctx->si;
    unsigned long size = ctx->dx;
    __u32 low = *(volatile __u32 *)&ctx->di;

    return (sk && msg && size > 4096) || low == 0;
}

char LICENSE[] SEC("license") = "GPL";
