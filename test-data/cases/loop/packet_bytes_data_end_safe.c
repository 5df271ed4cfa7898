// case: a loop over the first 64 packet bytes checks data_end inside the loop before each read
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u32 checksum;

SEC("xdp")
int sum_bytes(struct xdp_md *ctx) {
    __u8 *data = (__u8 *)(long)ctx->data;
    __u8 *end = (__u8 *)(long)ctx->data_end;
    __u32 sum = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 64; i++) {
        if (data + i + 1 > end)
            break;
        sum += data[i];
    }
    checksum = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
