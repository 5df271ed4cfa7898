// case: the same kptr held in a global variable instead of a map value (in a section of its own, as the selftests' cpumask global_mask): libbpf creates the section's map with its DATASEC as value type, in which the kernel finds the kptr field (btf_find_datasec_var), so the load gives PTR_TO_BTF_ID | MEM_RCU | PTR_MAYBE_NULL and bpf_task_acquire (KF_RCU) refuses it unchecked (Possibly NULL pointer passed to trusted arg0); before, such a load was a number
// expect: null.deref @ line 29
// requires: kernel-btf
// kernel: reject
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
int acquire_global(unsigned long long *ctx)
{
    struct task_struct *t;

    bpf_rcu_read_lock();
    t = stored_task;
    t = bpf_task_acquire(t);
    if (t)
        bpf_task_release(t);
    bpf_rcu_read_unlock();
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
