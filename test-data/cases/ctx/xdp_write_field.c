// case: XDP program tries to steer the packet by assigning ctx->rx_queue_index; every xdp_md field is read-only
// expect: ctx.read_only @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_set_queue(struct xdp_md *ctx)
{
    ctx->rx_queue_index = 0; // <-- write to xdp_md->rx_queue_index
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
