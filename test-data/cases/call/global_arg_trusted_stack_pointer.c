// case: a global function's __arg_trusted parameter is given a stack address instead of a kernel object
// kernel: reject
// requires: kernel-btf
// expect: call.global_arg @ line 19
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __arg_trusted __attribute__((btf_decl_tag("arg:trusted")))
struct task_struct { int pid; } __attribute__((preserve_access_index));
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;
__attribute__((noinline)) int task_pid(struct task_struct *task __arg_trusted)
{
    return task->pid;
}

SEC("tp_btf/sched_switch")
int trusted_from_stack(void *ctx)
{
    __u64 local[4] = {};
    return task_pid((struct task_struct *)local) > 0 ? 0 : 0;
}
char _license[] SEC("license") = "GPL";
