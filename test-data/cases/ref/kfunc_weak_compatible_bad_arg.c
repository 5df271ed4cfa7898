// case: a weak kfunc extern whose prototype matches the kernel's (bpf_core_types_are_compat) resolves, so bpf_ksym_exists() is true and the call it guards is reached: it passes a stack pointer where bpf_task_acquire takes a task_struct
// kernel: reject
// requires: kernel-btf
// expect: helper.arg_type @ line 21
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __weak __attribute__((weak))
struct task_struct { int pid; } __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym __weak;
extern void bpf_task_release(struct task_struct *p) __ksym;
int err;

SEC("tp_btf/sched_switch")
int weak_compatible(void *ctx)
{
    struct task_struct *t = 0;
    int fake = 42;

    if (!!bpf_task_acquire)
        t = bpf_task_acquire((struct task_struct *)&fake);
    if (t)
        bpf_task_release(t);
    return 0;
}
char _license[] SEC("license") = "GPL";
