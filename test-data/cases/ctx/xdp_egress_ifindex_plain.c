// case: egress_ifindex is only available to XDP programs attached to a devmap (xdp/devmap); a plain xdp program may not read it
// expect: ctx.bad_access @ line 12
// kernel: reject
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_egress(struct xdp_md *ctx)
{
    return ctx->egress_ifindex == 2 ? XDP_DROP : XDP_PASS; // <-- not a devmap program
}

char LICENSE[] SEC("license") = "GPL";
