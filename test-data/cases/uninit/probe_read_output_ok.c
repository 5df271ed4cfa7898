// case: a local variable is filled by bpf_probe_read_kernel (which initialises its destination even on failure) and then used
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

SEC("kprobe/tcp_sendmsg")
int read_size(struct pt_regs *ctx)
{
    __u64 flags;

    bpf_probe_read_kernel(&flags, sizeof(flags), (void *)ctx->di + 16);
    return flags & 1;
}

char LICENSE[] SEC("license") = "GPL";
