// case: a load at the offset libbpf relocates to the kernel struct's size (bpf_core_type_size, BPF_CORE_TYPE_SIZE) reads right past the struct the pointer points to: btf_struct_access refuses "access beyond struct"
// kernel: reject
// expect: btf.bad_access @ line 15
// requires: kernel-btf
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct task_struct { int pid; } __attribute__((preserve_access_index));
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;
SEC("tp_btf/sched_switch")
int past_the_task(__u64 *ctx)
{
    struct task_struct *task = bpf_get_current_task_btf();
    if (!task)
        return 0;
    return *(volatile int *)((void *)task + __builtin_preserve_type_info(*task, 1 /* BPF_TYPE_SIZE */));
}
char _license[] SEC("license") = "GPL";
