// case: `for (i = 0; i < 2; i++)` in two nested loops: clang turns each counter into a flag (1 before the loop, 0 in it), so nothing steps by a constant, yet every iteration moves the state to another partition and none leads back: the kernel walks the 4 iterations
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

SEC("xdp")
int flag_two_iterations(struct xdp_md *ctx) {
    __u64 h = ctx->ingress_ifindex;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i < 2U; i++) {
#pragma clang loop unroll(disable)
        for (__u32 j = 0; j < 2U; j++) {
            h = (h ^ (i + j * 3)) * 0x100000001b3ULL;
        }
        h ^= h >> 17;
    }
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
