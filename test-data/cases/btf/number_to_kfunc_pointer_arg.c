// case: a number (task_newtask's clone_flags argument) passed to bpf_cpumask_first, whose parameter is a pointer: the kernel takes neither a kernel object nor memory from it (check_helper_mem_access: "R1 type=scalar expected=fp")
// requires: kernel-btf
// kernel: reject
// expect: helper.arg_type @ line 21
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

struct cpumask {
    unsigned long bits[1];
} __attribute__((preserve_access_index));

extern unsigned int bpf_cpumask_first(const struct cpumask *cpumask) __ksym;

SEC("tp_btf/task_newtask")
int first_of_number(unsigned long long *ctx)
{
    unsigned long long clone_flags = ctx[1];

    return bpf_cpumask_first((const struct cpumask *)clone_flags) > 4096;
}

char LICENSE[] SEC("license") = "GPL";
