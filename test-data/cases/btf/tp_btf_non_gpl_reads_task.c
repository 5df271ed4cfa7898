// case: a tp_btf program under a proprietary license reads prev->pid: since Linux 6.2 only GPL-compatible programs may read kernel structures through BTF pointers (check_ptr_to_btf_access: Cannot access kernel 'struct task_struct' from non-GPL compatible program)
// expect: btf.gpl_only @ line 20
// requires: kernel-btf, non-gpl-btf-refused
// args: --kernel 6.12
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct task_struct {
    int pid;
    char comm[16];
} __attribute__((preserve_access_index));

SEC("tp_btf/sched_switch")
int count_init_switches(unsigned long long *ctx)
{
    struct task_struct *prev = (struct task_struct *)ctx[1];

    return prev->pid == 1;
}

char LICENSE[] SEC("license") = "Proprietary";
