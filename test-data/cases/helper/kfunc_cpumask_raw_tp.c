// case: a raw_tp program calls the cpumask kfuncs, whose set (cpumask_kfunc_set) is registered only for tracing-hook, struct_ops and syscall programs
// kernel: reject
// requires: kernel-btf
// expect: helper.not_for_type @ line 16
// expect: helper.not_for_type @ line 18
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct bpf_cpumask { int x; } __attribute__((preserve_access_index));
extern struct bpf_cpumask *bpf_cpumask_create(void) __ksym;
extern void bpf_cpumask_release(struct bpf_cpumask *cpumask) __ksym;

SEC("raw_tp/sys_enter")
int cpumask_raw_tp(void *ctx)
{
    struct bpf_cpumask *m = bpf_cpumask_create();
    if (m)
        bpf_cpumask_release(m);
    return 0;
}
char _license[] SEC("license") = "GPL";
