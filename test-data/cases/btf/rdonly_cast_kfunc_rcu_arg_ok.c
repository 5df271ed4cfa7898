// case: bpf_task_acquire (KF_RCU) is given the trusted pointer bpf_get_current_task_btf returned, not its bpf_rdonly_cast copy, which the program only reads
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct {
    int pid;
} __attribute__((preserve_access_index));
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;
__u64 seen;
SEC("tp_btf/sys_enter")
int cast_read_then_acquire(void *ctx)
{
    struct task_struct *task = bpf_get_current_task_btf();
    struct task_struct *copy = bpf_rdonly_cast(task, __builtin_btf_type_id(*(struct task_struct *)0, 1));
    seen = copy->pid;
    struct task_struct *held = bpf_task_acquire(task);
    if (held)
        bpf_task_release(held);
    return 0;
}
char _license[] SEC("license") = "GPL";
