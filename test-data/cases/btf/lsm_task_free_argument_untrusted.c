// case: an lsm/task_free program passes the task being freed to bpf_task_acquire (KF_RCU): the arguments of the hooks that allocate or free their object are not PTR_TRUSTED (bpf_lsm_is_trusted, untrusted_lsm_hooks), so the kfunc refuses it: "R1 must be a rcu pointer" (the kernel selftest task_kfunc_failure's task_kfunc_from_lsm_task_free)
// kernel: reject
// requires: kernel-btf, bpf-lsm
// expect: helper.arg_type @ line 19
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct {
    int pid;
} __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
int seen;
SEC("lsm/task_free")
int acquire_freed_task(unsigned long long *ctx)
{
    struct task_struct *task = (struct task_struct *)ctx[0], *acquired;

    acquired = bpf_task_acquire(task);
    if (!acquired)
        return 0;
    seen = acquired->pid;
    bpf_task_release(acquired);
    return 0;
}
char _license[] SEC("license") = "GPL";
