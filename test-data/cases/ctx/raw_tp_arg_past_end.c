// case: raw tracepoint reads args[12]; the context holds at most 12 u64 arguments (96 bytes)
// expect: ctx.bad_access @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("raw_tracepoint/sched_switch")
int raw_too_far(struct bpf_raw_tracepoint_args *ctx)
{
    return ctx->args[12] != 0; // <-- offset 96
}

char LICENSE[] SEC("license") = "GPL";
