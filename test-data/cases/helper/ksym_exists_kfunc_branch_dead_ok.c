// case: bpf_ksym_exists on a __weak kfunc the kernel has (perf's augmented_raw_syscalls: `if (bpf_ksym_exists(bpf_iter_num_new)) bpf_for(...) else for (...)`): libbpf relocates the function's address, which the kernel types read-only memory of size 0 (check_pseudo_btf_id) and knows is not NULL (reg_not_null), so the branch for a kernel without it is dead code the kernel never walks; here it calls a helper no kernel has
// kernel: accept
// expect: pass
// requires: kernel-btf
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

struct bpf_iter_num {
    __u64 opaque[1];
} __attribute__((aligned(8)));

extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym __attribute__((weak));

static long (*no_such_helper)(void *ctx, int arg) = (void *)999;

SEC("xdp")
int kfunc_exists(struct xdp_md *ctx)
{
    if (!bpf_iter_num_new)
        return no_such_helper(ctx, 1);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
