// case: raw tracepoint reads args[0] and args[1] of sched_switch (preempt flag and prev task pointer)
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("raw_tracepoint/sched_switch")
int raw_switch(struct bpf_raw_tracepoint_args *ctx)
{
    unsigned long preempt = ctx->args[0];
    unsigned long prev = ctx->args[1];

    return preempt && prev;
}

char LICENSE[] SEC("license") = "GPL";
