// case: kprobe tries to change the probed function's return value by writing pt_regs->ax; the kprobe context is read-only (bpf_override_return exists for that)
// expect: ctx.read_only @ line 17
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* struct pt_regs of x86-64 (arch/x86/include/asm/ptrace.h) */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

SEC("kretprobe/tcp_sendmsg")
int kp_override(struct pt_regs *ctx)
{
    ctx->ax = 0; // <-- pt_regs cannot be written
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
