// case: the same proprietary tp_btf program for Linux 6.1, which let any program read kernel structures through BTF pointers (the license test of check_ptr_to_btf_access came in 6.2)
// expect: pass
// requires: kernel-btf
// args: --kernel 6.1
// kernel: reject
// kernel-differs: the running kernel (6.2 or later) refuses the read for the license; 6.1, the release checked here, loads it
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
