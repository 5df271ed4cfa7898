// Does the running kernel type the raw tracepoint arguments that may be
// NULL as maybe-NULL for a tp_btf program (btf_ctx_access, raw_tp_null_args,
// Linux 6.13: sched_pi_setprio's pi_task)? The test runners load this with
// kernel_verdict (tests/data/cases.py: running_kernel_features); cases that
// `requires: raw-tp-nullable-args` are compared with the kernel only where
// it refuses this unchecked read.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct task_struct {
    int pid;
} __attribute__((preserve_access_index));

SEC("tp_btf/sched_pi_setprio")
int raw_tp_nullable_arg_probe(unsigned long long *ctx)
{
    struct task_struct *pi_task = (struct task_struct *)ctx[1];
    return pi_task->pid == 1;
}

char LICENSE[] SEC("license") = "GPL";
