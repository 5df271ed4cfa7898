// case: a subprogram with a bounded loop (its bound an argument clamped to 32) is called twice, with 8 and with a packet-derived count
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) __u64 rounds(__u64 h, __u32 n) {
    if (n > 32)
        n = 32;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i < n; i++)
        h = h * 31 + i;
    return h;
}

__u64 digest;

SEC("xdp")
int two_calls(struct xdp_md *ctx) {
    __u64 h = rounds(ctx->ingress_ifindex, 8);
    h = rounds(h, ctx->data_end - ctx->data);
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
