// case: a packet pointer advances by 1 or 2 (a data-dependent step, so clang cannot rebuild it from the counter) for at most 16 iterations; data_end is checked before each read
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u32 checksum;

SEC("xdp")
int pointer_walk(struct xdp_md *ctx) {
    __u8 *p = (__u8 *)(long)ctx->data;
    __u8 *end = (__u8 *)(long)ctx->data_end;
    __u32 sum = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 16; i++) {
        if (p + 1 > end)
            break;
        sum += *p;
        p += (*p & 1) + 1;
    }
    checksum = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
