// case: task_struct's cpus_ptr, a member the kernel lists as RCU-safe, read in a non-sleepable program (an implicit RCU read section) is MEM_RCU, not PTR_TRUSTED; bpf_cpumask_acquire is KF_TRUSTED_ARGS without KF_RCU, so the kernel refuses the pointer ("R1 must be referenced or trusted")
// requires: kernel-btf
// kernel: reject
// expect: helper.arg_type @ line 29
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

struct cpumask {
    unsigned long bits[1];
} __attribute__((preserve_access_index));

struct task_struct {
    const struct cpumask *cpus_ptr;
} __attribute__((preserve_access_index));

struct bpf_cpumask {
    struct cpumask cpumask;
    int usage;
};
extern struct bpf_cpumask *bpf_cpumask_acquire(struct bpf_cpumask *cpumask) __ksym;
extern void bpf_cpumask_release(struct bpf_cpumask *cpumask) __ksym;

SEC("tp_btf/task_newtask")
int acquire_rcu_mask(unsigned long long *ctx)
{
    struct task_struct *task = (void *)ctx[0];
    struct bpf_cpumask *mask = bpf_cpumask_acquire((struct bpf_cpumask *)task->cpus_ptr);

    bpf_cpumask_release(mask);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
