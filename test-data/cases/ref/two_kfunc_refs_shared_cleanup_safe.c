// case: two bpf_cpumask_create() results, NULL-checked together (`if (!a || !b) goto out`), released at a shared label each under its own NULL check: on the path where a is NULL its reference is gone (mark_ptr_or_null_regs), and where a was checked not NULL a referenced kfunc result is trusted, so `if (a)` cannot fail (reg_not_null, is_trusted_reg): every path releases what it holds
// kernel: accept
// requires: kernel-btf
// expect: pass
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
    if (b)
        bpf_cpumask_release(b);
    return 0;
}
char _license[] SEC("license") = "GPL";
