// case: bpf_probe_read_kernel is told to copy 128 bytes into a 64-byte stack buffer at the top of the frame
// expect: stack.out_of_bounds @ line 21
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* struct pt_regs of x86-64 (arch/x86/include/asm/ptrace.h) */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)113;

SEC("kprobe/security_file_open")
int copy_too_much(struct pt_regs *ctx)
{
    char buf[64];

    bpf_probe_read_kernel(buf, 128, (void *)ctx->di); // <-- 128 bytes into buf[64]
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
