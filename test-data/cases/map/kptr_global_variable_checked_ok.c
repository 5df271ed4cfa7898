// case: a kptr held in a global variable, checked against NULL before bpf_task_acquire (KF_RCU) in an RCU read section: the kernel accepts it; the load is an RCU pointer to the kernel's task_struct (the variable's DATASEC holds the kptr field), not a number
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __kptr __attribute__((btf_type_tag("kptr")))

struct task_struct {
    int pid;
} __attribute__((preserve_access_index));

__attribute__((section(".bss.stored"))) struct task_struct __kptr *stored_task;

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

SEC("tp_btf/task_newtask")
int acquire_global_checked(unsigned long long *ctx)
{
    struct task_struct *t;

    bpf_rcu_read_lock();
    t = stored_task;
    if (t)
        t = bpf_task_acquire(t);
    if (t)
        bpf_task_release(t);
    bpf_rcu_read_unlock();
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
