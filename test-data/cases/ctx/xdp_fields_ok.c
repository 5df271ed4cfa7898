// case: XDP program reads ingress_ifindex and rx_queue_index with full 4-byte loads
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_queue_filter(struct xdp_md *ctx)
{
    if (ctx->ingress_ifindex == 1)
        return XDP_PASS;
    return ctx->rx_queue_index > 3 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
