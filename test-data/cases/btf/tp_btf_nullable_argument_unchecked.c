// case: a tp_btf/sched_pi_setprio program reads pi_task->pid without checking pi_task, an argument the kernel lists as one that may be NULL (raw_tp_null_args: PTR_MAYBE_NULL, Linux 6.13): "R2 invalid mem access 'trusted_ptr_or_null_'"
// kernel: reject
// requires: kernel-btf, raw-tp-nullable-args
// args: --kernel 6.18
// expect: null.deref @ line 16
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct task_struct {
    int pid;
} __attribute__((preserve_access_index));
int boosted_by;
SEC("tp_btf/sched_pi_setprio")
int read_pi_task(unsigned long long *ctx)
{
    struct task_struct *pi_task = (struct task_struct *)ctx[1];
    boosted_by = pi_task->pid;
    return 0;
}
char _license[] SEC("license") = "GPL";
