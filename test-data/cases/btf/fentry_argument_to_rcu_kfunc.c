// case: an fentry program passes its own task_struct argument to bpf_task_acquire (KF_RCU): fentry, fexit and fmod_ret arguments are plain PTR_TO_BTF_ID, not PTR_TRUSTED (prog_args_trusted: only tp_btf, iterator, struct_ops and most lsm arguments are), so the kfunc refuses it: "R1 must be a rcu pointer"
// kernel: reject
// requires: kernel-btf, trampoline
// expect: helper.arg_type @ line 22
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct {
    int pid;
} __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
int seen;
SEC("fentry/wake_up_new_task")
int acquire_argument(unsigned long long *ctx)
{
    struct task_struct *task = (struct task_struct *)ctx[0], *acquired;

    /* ctx[0] is the function's task_struct *p: readable, but not trusted */
    if (task->pid == 0)
        return 0;
    acquired = bpf_task_acquire(task);
    if (!acquired)
        return 0;
    seen = acquired->pid;
    bpf_task_release(acquired);
    return 0;
}
char _license[] SEC("license") = "GPL";
