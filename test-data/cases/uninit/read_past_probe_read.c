// case: bpf_probe_read_kernel fills 8 bytes of a 16-byte buffer, then a byte of the unwritten half is read
// expect: uninit.stack @ line 22
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
int read_name(struct pt_regs *ctx)
{
    char name[16];

    bpf_probe_read_kernel(name, 8, (void *)ctx->si);
    return name[12] == 'x'; // <-- only name[0..7] were written
}

char LICENSE[] SEC("license") = "GPL";
