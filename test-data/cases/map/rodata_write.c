// case: a program writes a `const volatile` configuration global, which lives in the frozen .rodata map
// kernel: reject
// expect: map.read_only @ line 16
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

const volatile __u32 sample_rate = 100;

SEC("xdp")
int xdp_sample(struct xdp_md *ctx) {
    __u32 len = ctx->data_end - ctx->data;
    if (len > 1000) {
        /* "adjust" the configured rate at run time: .rodata is read-only to the program */
        volatile __u32 *rate = (volatile __u32 *)&sample_rate;
        *rate = 10;
    }
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
