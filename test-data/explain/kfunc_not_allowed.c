// case: bpf_task_from_pid is a kfunc for tracing, LSM, struct_ops and syscall programs; a socket filter calls it
// kernel: reject
// requires: kernel-btf
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct { int pid; } __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_from_pid(int pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
SEC("socket")
int find_init(struct __sk_buff *skb)
{
    struct task_struct *t = bpf_task_from_pid(1);
    if (t)
        bpf_task_release(t);
    return 0;
}
char _license[] SEC("license") = "GPL";
