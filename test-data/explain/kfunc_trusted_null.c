// case: bpf_task_acquire is given the task bpf_task_from_pid returned without comparing it with NULL first
// kernel: reject
// requires: kernel-btf
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct { int pid; } __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_from_pid(int pid) __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
SEC("tp_btf/sched_switch")
int hold_init(void *ctx)
{
    struct task_struct *t = bpf_task_from_pid(1);
    struct task_struct *again = bpf_task_acquire(t);
    if (again)
        bpf_task_release(again);
    if (t)
        bpf_task_release(t);
    return 0;
}
char _license[] SEC("license") = "GPL";
