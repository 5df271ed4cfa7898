// case: a tp_btf program compares its task_struct argument with a number (a parent pointer read with bpf_probe_read_kernel) and reads the task on the path where they differ: the kernel refines no pointer against a number (reg_set_min_max takes two scalars), so the argument stays a pointer on both paths (Falco's sched_process_exit: child_ns_reaper == father)
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct task_struct {
    int pid;
    struct task_struct *real_parent;
} __attribute__((preserve_access_index));
static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *src) = (void *)113;
SEC("tp_btf/sched_process_exit")
int parent_differs(unsigned long long *ctx)
{
    struct task_struct *task = (struct task_struct *)ctx[0];
    struct task_struct *parent = 0;

    bpf_probe_read_kernel(&parent, sizeof(parent), &task->real_parent);
    if (parent == task)
        return 0;
    return task->pid;
}
char _license[] SEC("license") = "GPL";
