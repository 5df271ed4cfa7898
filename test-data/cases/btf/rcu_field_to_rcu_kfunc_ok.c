// case: the MEM_RCU pointer of rcu_field_to_trusted_args_kfunc (task_struct's cpus_ptr, read in a non-sleepable program) passed to bpf_cpumask_first, a KF_RCU kfunc, which takes RCU-protected pointers: the kernel accepts it
// requires: kernel-btf
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

struct cpumask {
    unsigned long bits[1];
} __attribute__((preserve_access_index));

struct task_struct {
    const struct cpumask *cpus_ptr;
} __attribute__((preserve_access_index));

extern unsigned int bpf_cpumask_first(const struct cpumask *cpumask) __ksym;

SEC("tp_btf/task_newtask")
int first_of_rcu_mask(unsigned long long *ctx)
{
    struct task_struct *task = (void *)ctx[0];

    return bpf_cpumask_first(task->cpus_ptr) > 4096;
}

char LICENSE[] SEC("license") = "GPL";
