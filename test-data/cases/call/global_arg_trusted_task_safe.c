// case: a global function's __arg_trusted parameter is given the current task (a trusted kernel pointer) and reads a field of it
// kernel: accept
// requires: kernel-btf
// expect: pass
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
int trusted_current(void *ctx)
{
    return task_pid(bpf_get_current_task_btf()) > 0 ? 0 : 0;
}
char _license[] SEC("license") = "GPL";
