// case: initialised stack array indexed by a masked variable (variable-offset read and write inside the array)
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* struct pt_regs of x86-64 (arch/x86/include/asm/ptrace.h) */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)113;

SEC("kprobe/vfs_read")
int nibble_histogram(struct pt_regs *ctx)
{
    __u8 hist[16] = {};
    __u64 value;

    if (bpf_probe_read_kernel(&value, sizeof(value), (void *)ctx->di))
        return 0;
    for (int i = 0; i < 4; i++) {
        hist[value & 15]++;
        value >>= 4;
    }
    return hist[ctx->si & 15];
}

char LICENSE[] SEC("license") = "GPL";
