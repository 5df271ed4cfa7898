// case: a signed counter runs from -8 to 7 (`for (int i = -8; i < 8; i++)`); the signed view bounds it
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__s64 digest;

SEC("xdp")
int signed_sum(struct xdp_md *ctx) {
    __s64 h = ctx->ingress_ifindex;
#pragma clang loop unroll(disable)
    for (int i = -8; i < 8; i++)
        h = h * 3 + i;
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
