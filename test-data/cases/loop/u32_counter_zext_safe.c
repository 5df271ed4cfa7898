// case: a __u32 counter compared with a __u32 bound clamped to 100 (clang zero-extends it with <<= 32, >>= 32)
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

static __attribute__((noinline)) __u64 mix(__u64 h, __u32 n) {
    if (n > 100)
        n = 100;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i < n; i++)
        h = (h ^ i) * 0x100000001b3ULL;
    return h;
}

SEC("xdp")
int mix_len(struct xdp_md *ctx) {
    digest = mix(ctx->ingress_ifindex, ctx->rx_queue_index);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
