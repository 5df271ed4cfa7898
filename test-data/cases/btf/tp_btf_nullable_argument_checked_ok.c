// case: a tp_btf/sched_pi_setprio program checks pi_task, an argument the kernel lists as one that may be NULL (raw_tp_null_args, Linux 6.13), before it reads pi_task->pid
// kernel: accept
// requires: kernel-btf
// args: --kernel 6.18
// expect: pass
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
    if (pi_task)
        boosted_by = pi_task->pid;
    return 0;
}
char _license[] SEC("license") = "GPL";
