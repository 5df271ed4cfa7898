// case: a tp_btf program (tracing hook) calls bpf_task_acquire on the current task and releases it
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct { int pid; } __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;

SEC("tp_btf/sched_switch")
int task_tp_btf(void *ctx)
{
    struct task_struct *t = bpf_task_acquire(bpf_get_current_task_btf());
    if (t)
        bpf_task_release(t);
    return 0;
}
char _license[] SEC("license") = "GPL";
