// case: perf_event program reads sample_period (8 bytes, and its low 4 bytes) and the saved instruction pointer from bpf_perf_event_data
// expect: pass
// kernel: accept
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
int pe_sample(struct bpf_perf_event_data *ctx)
{
    __u64 period = ctx->sample_period;
    __u32 low = *(volatile __u32 *)&ctx->sample_period;
    unsigned long ip = ctx->regs.ip;

    return period > 1000 && low && ip;
}

char LICENSE[] SEC("license") = "GPL";
