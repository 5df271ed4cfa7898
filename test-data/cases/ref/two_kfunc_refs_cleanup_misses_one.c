// case: as two_kfunc_refs_shared_cleanup_safe, but the shared label releases only the first mask: the second one's reference leaks on every path where its allocation succeeded
// kernel: reject
// requires: kernel-btf
// expect: ref.leak @ line 27
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct cpumask { unsigned long bits[1]; };
struct bpf_cpumask { struct cpumask cpumask; };
extern struct bpf_cpumask *bpf_cpumask_create(void) __ksym;
extern void bpf_cpumask_release(struct bpf_cpumask *cpumask) __ksym;
extern _Bool bpf_cpumask_test_cpu(__u32 cpu, const struct cpumask *cpumask) __ksym;

SEC("tp_btf/task_newtask")
int two_masks(void *ctx)
{
    struct bpf_cpumask *a = bpf_cpumask_create();
    struct bpf_cpumask *b = bpf_cpumask_create();

    if (!a || !b)
        goto out;
    bpf_cpumask_test_cpu(0, (const struct cpumask *)a);
    bpf_cpumask_test_cpu(0, (const struct cpumask *)b);
out:
    if (a)
        bpf_cpumask_release(a);
    return 0;
}
char _license[] SEC("license") = "GPL";
