// case: index from the context made unsigned and checked against the array length before indexing the stack array
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* struct pt_regs of x86-64 (arch/x86/include/asm/ptrace.h) */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

SEC("kprobe/vfs_write")
int unsigned_index_ok(struct pt_regs *ctx)
{
    char buf[16] = {};
    __u32 idx = (__u32)ctx->si;

    if (idx >= 16)
        return 0;
    buf[idx] = 1;
    return buf[0];
}

char LICENSE[] SEC("license") = "GPL";
