// case: five nested loops of 10 iterations each: every head walks its counter's 10 values in partitions of their own, and the innermost one, re-entered in every outer iteration, runs past its round budget and settles; a state it widens in can differ from the widened part only in the names a join gave its values' identities, which once kept the head from ever finding the state covered (the analysis timed out)
// kernel: reject
// kernel-differs: the kernel is imprecise: its verifier walks all 100,000 innermost iterations and gives up at 1,000,000 instructions ("BPF program is too large"); every loop is bounded, so bpfcheck passes with a loop.kernel_budget warning
// expect: loop.kernel_budget @ line 15
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

SEC("xdp")
int nested_5_bound_10(struct xdp_md *ctx) {
    __u64 h = ctx->ingress_ifindex;
#pragma clang loop unroll(disable)
    for (__u32 i0 = 0; i0 < 10U; i0++) {
#pragma clang loop unroll(disable)
        for (__u32 i1 = 0; i1 < 10U; i1++) {
#pragma clang loop unroll(disable)
            for (__u32 i2 = 0; i2 < 10U; i2++) {
#pragma clang loop unroll(disable)
                for (__u32 i3 = 0; i3 < 10U; i3++) {
#pragma clang loop unroll(disable)
                    for (__u32 i4 = 0; i4 < 10U; i4++) {
                        h = (h ^ (i0 * 1 + i1 * 3 + i2 * 5 + i3 * 7 + i4 * 9)) * 0x100000001b3ULL;
                        h ^= h >> 21;
                    }
                    h ^= h >> 20;
                }
                h ^= h >> 19;
            }
            h ^= h >> 18;
        }
    }
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
