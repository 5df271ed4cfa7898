// case: bpf_task_release is given a pointer into the middle of the acquired task (the address of a field), not the task itself
// kernel: reject
// requires: kernel-btf
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct { int pid; int tgid; } __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_from_pid(int pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
SEC("tp_btf/sched_switch")
int release_field(void *ctx)
{
    struct task_struct *t = bpf_task_from_pid(1);
    if (!t)
        return 0;
    bpf_task_release((struct task_struct *)&t->tgid);
    return 0;
}
char _license[] SEC("license") = "GPL";
