// case: a loop of 100,000 iterations over a body of about 40 instructions: it terminates, but the kernel would walk 4,000,000 instructions
// kernel: reject
// expect: loop.kernel_budget @ line 14
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

SEC("xdp")
int big_mix(struct xdp_md *ctx) {
    __u64 a = ctx->ingress_ifindex, b = ctx->rx_queue_index, c = 7, d = 11;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i < 100000; i++) {
        a = (a ^ i) * 0x100000001b3ULL;
        b = (b + a) * 31;
        c = (c ^ b) + (a >> 7);
        d = (d * 17) ^ (c << 3);
        a ^= d >> 11;
        b += c * 5;
        c ^= a + 13;
        d += b ^ 0x9e3779b97f4a7c15ULL;
    }
    digest = a ^ b ^ c ^ d;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
