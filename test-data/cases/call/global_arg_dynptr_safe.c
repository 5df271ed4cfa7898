// case: a global function's `struct bpf_dynptr *` parameter is a dynptr (btf_prepare_func_args: ARG_PTR_TO_DYNPTR | MEM_RDONLY): the caller passes one it initialised, and the function reads its size; the dynptr's stack slots are not memory the call writes
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern int bpf_dynptr_from_xdp(struct xdp_md *x, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym __attribute__((weak));
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *p) __ksym __attribute__((weak));

__attribute__((noinline)) int dynptr_len(struct bpf_dynptr *d)
{
    return bpf_dynptr_size(d) > 14;
}

SEC("xdp")
int global_dynptr(struct xdp_md *ctx)
{
    struct bpf_dynptr d;

    bpf_dynptr_from_xdp(ctx, 0, &d);
    return dynptr_len(&d) ? XDP_PASS : XDP_DROP;
}
char LICENSE[] SEC("license") = "GPL";
