// case: a pointer read through bpf_rdonly_cast's result inherits PTR_UNTRUSTED (check_ptr_to_btf_access: "all pointers formed by walking it also inherit the untrusted flag"), so bpf_task_pt_regs refuses task->group_leader read that way
// kernel: reject
// requires: kernel-btf
// expect: helper.arg_type @ line 22
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct pt_regs;
struct task_struct {
    struct task_struct *group_leader;
} __attribute__((preserve_access_index));
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;
static struct pt_regs *(*bpf_task_pt_regs)(struct task_struct *task) = (void *)175;
__u64 seen;
SEC("tp_btf/sys_enter")
int cast_walk_then_helper(void *ctx)
{
    struct task_struct *task = bpf_get_current_task_btf();
    struct task_struct *copy = bpf_rdonly_cast(task, __builtin_btf_type_id(*(struct task_struct *)0, 1));
    struct task_struct *leader = copy->group_leader;
    seen = (__u64)bpf_task_pt_regs(leader);
    return 0;
}
char _license[] SEC("license") = "GPL";
