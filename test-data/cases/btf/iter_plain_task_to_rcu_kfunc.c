// case: an iter/task_file program passes its context's task to bpf_task_acquire (KF_RCU): the iterator registers that task as a plain PTR_TO_BTF_ID_OR_NULL, not PTR_TRUSTED (ctx_arg_info of task_file_reg_info), and a plain pointer is neither trusted nor RCU-protected (check_kfunc_args, is_trusted_reg and is_rcu_reg: "R1 must be a rcu pointer")
// kernel: reject
// requires: kernel-btf
// expect: helper.arg_type @ line 27
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct {
    int pid;
} __attribute__((preserve_access_index));
struct file;
struct bpf_iter__task_file {
    void *meta;
    struct task_struct *task;
    __u32 fd;
    struct file *file;
};
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
int seen;
SEC("iter/task_file")
int acquire_file_task(struct bpf_iter__task_file *ctx)
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
