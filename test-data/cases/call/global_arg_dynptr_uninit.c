// case: a global function's `struct bpf_dynptr *` parameter must be given an initialised dynptr (process_dynptr_func); the caller passes stack bytes it never made a dynptr
// kernel: reject
// expect: call.global_arg @ line 20
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *p) __ksym __attribute__((weak));

__attribute__((noinline)) int dynptr_len(struct bpf_dynptr *d)
{
    return bpf_dynptr_size(d) > 14;
}

SEC("xdp")
int global_dynptr(struct xdp_md *ctx)
{
    struct bpf_dynptr d;

    __builtin_memset(&d, 0, sizeof(d));
    return dynptr_len(&d) ? XDP_PASS : XDP_DROP;
}
char LICENSE[] SEC("license") = "GPL";
