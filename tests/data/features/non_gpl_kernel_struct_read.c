// Does the running kernel refuse a program whose license is not
// GPL-compatible when it reads a kernel structure through a BTF pointer
// (check_ptr_to_btf_access: "Cannot access kernel 'struct task_struct' from
// non-GPL compatible program", Linux 6.2)? The test runners load this with
// kernel_verdict (tests/data/cases.py: running_kernel_features); cases that
// `requires: non-gpl-btf-refused` are compared with the kernel only where it
// is refused so.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct task_struct {
    int pid;
} __attribute__((preserve_access_index));

SEC("tp_btf/sched_switch")
int non_gpl_kernel_struct_probe(unsigned long long *ctx)
{
    struct task_struct *prev = (struct task_struct *)ctx[1];
    return prev->pid == 1;
}

char LICENSE[] SEC("license") = "Proprietary";
