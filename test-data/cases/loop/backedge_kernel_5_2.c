// case: the same bounded loop with --kernel 5.2: kernels before 5.3 refuse every back-edge
// args: --kernel 5.2
// kernel: accept
// kernel-differs: the target is Linux 5.2 (--kernel 5.2), whose verifier refuses any back-edge ("back-edge from insn X to Y"); the running kernel is newer and accepts the bounded loop
// expect: loop.backedge @ line 16
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
