// case: tp_btf/sched_switch reads ctx[4]: the tracepoint has 4 arguments (preempt, prev, next, prev_state)
// expect: ctx.bad_access @ line 12
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tp_btf/sched_switch")
int sched_switch_no_arg(unsigned long long *ctx)
{
    return ctx[4] != 0;
}

char LICENSE[] SEC("license") = "GPL";
