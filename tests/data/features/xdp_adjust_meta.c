// Does the running kernel offer bpf_xdp_adjust_meta to XDP programs? Upstream
// kernels do (xdp_func_proto); some builds refuse the call with "program of
// this type cannot use helper bpf_xdp_adjust_meta#54". kernel_compare.py and
// gcc_compare.py load this with kernel_verdict (tests/data/cases.py:
// running_kernel_features) and compare cases that `requires: xdp-adjust-meta`
// only where it loads.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_xdp_adjust_meta)(struct xdp_md *xdp_md, int delta) = (void *)54;

SEC("xdp")
int xdp_adjust_meta_probe(struct xdp_md *ctx)
{
    if (bpf_xdp_adjust_meta(ctx, -4) < 0)
        return XDP_ABORTED;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
