// Does the running kernel let a tc program take a writable slice of an skb
// dynptr (bpf_dynptr_slice_rdwr, Linux 6.4)? Upstream kernels do; some
// builds refuse the call with "bpf_dynptr_slice_rdwr() is not allowed"
// (EPERM) although the kfunc is in their BTF. The test runners load this
// with kernel_verdict (tests/data/cases.py: running_kernel_features); cases
// that `requires: dynptr-slice-rdwr` are compared with the kernel only where
// it loads.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

extern int bpf_dynptr_from_skb(struct __sk_buff *s, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym
    __attribute__((weak));
extern void *bpf_dynptr_slice_rdwr(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt,
                                   __u32 buffer__szk) __ksym __attribute__((weak));

SEC("tc")
int dynptr_slice_rdwr_probe(struct __sk_buff *skb)
{
    struct bpf_dynptr ptr;
    __u32 *rw;

    if (bpf_dynptr_from_skb(skb, 0, &ptr))
        return 0;
    rw = bpf_dynptr_slice_rdwr(&ptr, 0, (void *)0, 8);
    if (rw)
        rw[1] = 1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
