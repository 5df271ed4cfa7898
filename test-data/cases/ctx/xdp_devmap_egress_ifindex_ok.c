// case: a devmap XDP program (section xdp/devmap) reads egress_ifindex, which is valid there
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp/devmap")
int xdp_devmap_egress(struct xdp_md *ctx)
{
    return ctx->egress_ifindex == ctx->ingress_ifindex ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
