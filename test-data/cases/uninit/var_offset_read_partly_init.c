// case: only the first half of a stack table is initialised, then it is indexed with a variable that can reach the uninitialised half
// expect: uninit.stack @ line 15
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_queue_weight(struct xdp_md *ctx)
{
    volatile __u8 weights[16];

    for (int i = 0; i < 8; i++)
        weights[i] = i + 1;
    return weights[ctx->rx_queue_index & 15] > 4 ? XDP_DROP : XDP_PASS; // <-- weights[8..15] never written
}

char LICENSE[] SEC("license") = "GPL";
