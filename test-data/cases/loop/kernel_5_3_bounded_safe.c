// case: with --kernel 5.3, the first kernel with bounded loops, a loop of 16 iterations is fine
// args: --kernel 5.3
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

SEC("xdp")
int mix16(struct xdp_md *ctx) {
    __u64 h = ctx->ingress_ifindex;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 16; i++)
        h = h * 31 + i;
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
