// case: the divisor is forced non-zero with `| 1` before the division
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u32 sample_every;
__u64 scaled_bytes;

SEC("xdp")
int xdp_sample(struct xdp_md *ctx) {
    __u32 len = ctx->data_end - ctx->data;
    __u32 step = sample_every | 1;
    scaled_bytes += len / step;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
