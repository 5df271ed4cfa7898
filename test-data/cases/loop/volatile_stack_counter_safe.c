// case: a `volatile` counter lives on the stack: every iteration loads it, adds 1 and stores it back
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

SEC("xdp")
int spin16(struct xdp_md *ctx) {
    __u64 h = ctx->ingress_ifindex;
    for (volatile __u64 i = 0; i < 16; i++)
        h = h * 31 + 7;
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
