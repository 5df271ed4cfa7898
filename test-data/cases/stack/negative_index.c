// case: signed index checked only from above (idx < 16): a negative index reaches below the frame
// expect: stack.out_of_bounds @ line 22
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* struct pt_regs of x86-64 (arch/x86/include/asm/ptrace.h) */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

SEC("kprobe/vfs_write")
int signed_index(struct pt_regs *ctx)
{
    char buf[16] = {};
    int idx = (int)ctx->si;

    if (idx >= 16)
        return 0;
    buf[idx] = 1; // <-- idx may be negative
    return buf[0];
}

char LICENSE[] SEC("license") = "GPL";
