// case: a syscall program creates a cpumask and releases it (cpumask_kfunc_set is registered for syscall programs)
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct bpf_cpumask { int x; } __attribute__((preserve_access_index));
extern struct bpf_cpumask *bpf_cpumask_create(void) __ksym;
extern void bpf_cpumask_release(struct bpf_cpumask *cpumask) __ksym;

SEC("syscall")
int cpumask_syscall(void *ctx)
{
    struct bpf_cpumask *m = bpf_cpumask_create();
    if (m)
        bpf_cpumask_release(m);
    return 0;
}
char _license[] SEC("license") = "GPL";
