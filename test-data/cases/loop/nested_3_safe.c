// case: three nested loops (3 x 5 x 7 iterations) mix a hash; each loop has its own constant bound
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

SEC("xdp")
int mix3(struct xdp_md *ctx) {
    __u64 h = ctx->ingress_ifindex;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 3; i++) {
#pragma clang loop unroll(disable)
        for (int j = 0; j < 5; j++) {
#pragma clang loop unroll(disable)
            for (int k = 0; k < 7; k++)
                h = (h ^ (i * 49 + j * 7 + k)) * 0x100000001b3ULL;
        }
    }
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
