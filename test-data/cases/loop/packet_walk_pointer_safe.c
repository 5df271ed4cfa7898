// case: a pointer walks at most 32 bytes of the packet; data_end is checked before each byte and a counter bounds the walk
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u32 zeros;

SEC("xdp")
int count_zeros(struct xdp_md *ctx) {
    __u8 *p = (__u8 *)(long)ctx->data;
    __u8 *end = (__u8 *)(long)ctx->data_end;
    __u32 n = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 32; i++) {
        if (p + 1 > end)
            break;
        n += *p == 0;
        p++;
    }
    zeros = n;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
