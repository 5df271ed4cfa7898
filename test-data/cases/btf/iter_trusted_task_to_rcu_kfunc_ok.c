// case: an iter/task program passes its context's task to bpf_task_acquire (KF_RCU): bpf_iter__task's task is registered PTR_TRUSTED (task_reg_info), so the kfunc takes it, and the acquired reference is released
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct {
    int pid;
} __attribute__((preserve_access_index));
struct bpf_iter__task {
    void *meta;
    struct task_struct *task;
};
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
int seen;
SEC("iter/task")
int acquire_task(struct bpf_iter__task *ctx)
{
    struct task_struct *task = ctx->task, *acquired;
    if (!task)
        return 0;
    acquired = bpf_task_acquire(task);
    if (!acquired)
        return 0;
    seen = acquired->pid;
    bpf_task_release(acquired);
    return 0;
}
char _license[] SEC("license") = "GPL";
