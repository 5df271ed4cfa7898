// case: two static helpers that call each other (a recursive descent over nested headers) form a call cycle (reported at the first function of the cycle)
// kernel: reject
// expect: cfg.recursion @ line 10
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) int skip_odd(int depth);

static __attribute__((noinline)) int skip_even(int depth) {
    if (depth <= 0)
        return 0;
    return 1 + skip_odd(depth - 1);
}

static __attribute__((noinline)) int skip_odd(int depth) {
    if (depth <= 0)
        return 1;
    return 1 + skip_even(depth - 1);
}

SEC("xdp")
int xdp_nested(struct xdp_md *ctx) {
    return skip_even(ctx->rx_queue_index & 3) > 8 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
