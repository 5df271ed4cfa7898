// case: a tp_btf program reads through bpf_rdonly_cast's result (untrusted but readable) and passes the trusted pointer it was cast from to bpf_task_pt_regs (ARG_PTR_TO_BTF_ID)
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct pt_regs;
struct task_struct {
    int pid;
} __attribute__((preserve_access_index));
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;
static struct pt_regs *(*bpf_task_pt_regs)(struct task_struct *task) = (void *)175;
__u64 seen;
__u64 regs;
SEC("tp_btf/sys_enter")
int cast_read_then_helper(void *ctx)
{
    struct task_struct *task = bpf_get_current_task_btf();
    struct task_struct *copy = bpf_rdonly_cast(task, __builtin_btf_type_id(*(struct task_struct *)0, 1));
    seen = copy->pid;
    regs = (__u64)bpf_task_pt_regs(task);
    return 0;
}
char _license[] SEC("license") = "GPL";
