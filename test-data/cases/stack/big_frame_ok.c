// case: a 496-byte stack buffer (close to the 512-byte limit) zeroed and passed to a helper
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* struct pt_regs of x86-64 (arch/x86/include/asm/ptrace.h) */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

static long (*bpf_probe_read_kernel_str)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)115;

SEC("kprobe/do_sys_openat2")
int read_path(struct pt_regs *ctx)
{
    char path[496];

    long n = bpf_probe_read_kernel_str(path, sizeof(path), (void *)ctx->si);
    if (n <= 0)
        return 0;
    return path[0] == '/';
}

char LICENSE[] SEC("license") = "GPL";
