// case: a `while` loop whose cursor advances by 1 to 4 (a packet byte's low bits plus 1) until it reaches 64; data_end is checked before each read
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u32 checksum;

SEC("xdp")
int data_step(struct xdp_md *ctx) {
    __u8 *data = (__u8 *)(long)ctx->data;
    __u8 *end = (__u8 *)(long)ctx->data_end;
    __u32 off = 0, sum = 0;
    while (off < 64) {
        if (data + off + 1 > end)
            break;
        __u8 b = data[off];
        sum += b;
        off += (b & 3) + 1;
    }
    checksum = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
