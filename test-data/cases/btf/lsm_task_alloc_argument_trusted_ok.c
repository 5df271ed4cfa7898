// case: an lsm/task_alloc program passes its task argument to bpf_task_acquire (KF_RCU) and releases the reference: lsm hook arguments are PTR_TRUSTED (prog_args_trusted, bpf_lsm_is_trusted) except for the hooks that allocate or free their object, and untrusted_lsm_hooks lists task_free, not task_alloc, so the kfunc takes it
// kernel: accept
// requires: kernel-btf, bpf-lsm
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct {
    int pid;
} __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
int seen;
SEC("lsm/task_alloc")
int acquire_allocated_task(unsigned long long *ctx)
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
