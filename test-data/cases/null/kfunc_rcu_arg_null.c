// case: NULL is passed to bpf_task_acquire, a KF_RCU kfunc, whose argument must be a trusted or RCU-protected pointer
// kernel: reject
// requires: kernel-btf
// expect: null.deref @ line 16
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct { int pid; } __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;

SEC("tp_btf/sched_switch")
int task_acquire_null(void *ctx)
{
    struct task_struct *t = bpf_task_acquire(0);
    if (t)
        bpf_task_release(t);
    return 0;
}
char _license[] SEC("license") = "GPL";
