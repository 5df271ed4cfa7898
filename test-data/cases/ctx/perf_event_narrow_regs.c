// case: perf_event program reads the low 32 bits of regs.ip; in bpf_perf_event_data the saved registers must be read as whole 8-byte words
// expect: ctx.bad_access @ line 24
// kernel: reject
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* struct pt_regs of x86-64 (arch/x86/include/asm/ptrace.h) */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

struct bpf_perf_event_data {
    struct pt_regs regs;
    __u64 sample_period;
    __u64 addr;
};

SEC("perf_event")
int pe_ip_low(struct bpf_perf_event_data *ctx)
{
    __u32 ip_low = *(volatile __u32 *)&ctx->regs.ip; // <-- 4-byte read of a saved register
    return ip_low & 1;
}

char LICENSE[] SEC("license") = "GPL";
