// case: bpf_task_acquire is given a stack address cast to struct task_struct *: a struct holding pointers must be passed as a kernel (BTF) pointer
// kernel: reject
// requires: kernel-btf
// expect: helper.arg_type @ line 16
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct { int pid; } __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

SEC("tp_btf/sched_switch")
int task_from_stack(void *ctx)
{
    __u64 local = 0;
    struct task_struct *t = bpf_task_acquire((struct task_struct *)&local);
    if (t)
        bpf_task_release(t);
    return 0;
}
char _license[] SEC("license") = "GPL";
