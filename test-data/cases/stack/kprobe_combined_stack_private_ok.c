// case: kprobe whose call chain uses 384 + 384 bytes of stack: allowed by a kernel that gives tracing programs a private stack per subprogram (6.13+ with a JIT that has them, e.g. x86-64); twin: kprobe_combined_stack_shared_reject.c
// requires: private-stack
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

static __attribute__((noinline)) int read_second(const void *src)
{
    char tmp[384];

    if (bpf_probe_read_kernel_str(tmp, sizeof(tmp), src) <= 0)
        return 0;
    return tmp[0];
}

SEC("kprobe/do_sys_openat2")
int kp_combined(struct pt_regs *ctx)
{
    char first[384];

    if (bpf_probe_read_kernel_str(first, sizeof(first), (void *)ctx->si) <= 0)
        return 0;
    return first[0] + read_second((void *)ctx->dx);
}

char LICENSE[] SEC("license") = "GPL";
