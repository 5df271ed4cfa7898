// case: a static helper writes two words through a pointer to a single __u32 at the top of the caller's frame
// kernel: reject
// expect: stack.out_of_bounds @ line 11
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) int read_queue_pair(struct xdp_md *ctx, __u32 *out) {
    out[0] = ctx->rx_queue_index;
    /* the caller passed room for one value only */
    out[1] = ctx->ingress_ifindex;
    return 0;
}

SEC("xdp")
int xdp_queue(struct xdp_md *ctx) {
    __u32 queue;
    read_queue_pair(ctx, &queue);
    return queue > 4 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
