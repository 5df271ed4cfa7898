// case: kprobe built against a larger register struct reads offset 168, past the end of x86-64 struct pt_regs (168 bytes)
// expect: ctx.bad_access @ line 17
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct pt_regs_ext {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
    unsigned long fred_ss;
};

SEC("kprobe/tcp_sendmsg")
int kp_past_end(struct pt_regs_ext *ctx)
{
    return ctx->fred_ss != 0; // <-- offset 168 is past pt_regs
}

char LICENSE[] SEC("license") = "GPL";
