// case: 2-byte load of xdp_md->ingress_ifindex: XDP context fields must be read with exactly 4 bytes (no narrow loads)
// expect: ctx.bad_access @ line 12
// kernel: reject
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_narrow(struct xdp_md *ctx)
{
    __u16 low = *(volatile __u16 *)&ctx->ingress_ifindex; // <-- 2-byte context load
    return low == 3 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
