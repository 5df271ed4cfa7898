// case: the bound is masked, but only to 22 bits (up to 4,194,303): a variable bound that allows more iterations than the kernel can walk
// kernel: reject
// expect: loop.unbounded @ line 15
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

SEC("xdp")
int loose_mask(struct xdp_md *ctx) {
    __u64 h = 1;
    __u32 n = ctx->ingress_ifindex & 0x3fffff;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i < n; i++)
        h = (h ^ i) * 0x100000001b3ULL;
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
