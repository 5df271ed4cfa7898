// case: two nested loops of 1000 iterations each: each loop is small, together the kernel would walk millions of instructions
// kernel: reject
// kernel-differs: the kernel is imprecise: its verifier walks all 1,000,000 inner iterations and gives up at 1,000,000 instructions ("BPF program is too large"); both loops are bounded, so bpfcheck passes with a loop.kernel_budget warning on the outer loop
// expect: loop.kernel_budget @ line 15
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

SEC("xdp")
int nested_mix(struct xdp_md *ctx) {
    __u64 h = ctx->ingress_ifindex;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i < 1000; i++) {
#pragma clang loop unroll(disable)
        for (__u32 j = 0; j < 1000; j++)
            h = (h ^ (i + j)) * 0x100000001b3ULL;
    }
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
