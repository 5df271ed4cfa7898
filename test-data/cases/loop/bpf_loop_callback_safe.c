// case: bpf_loop() runs a callback 1000 times instead of a loop; the callback's own inner loop has a constant bound
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

struct state {
    __u64 h;
};

static int step(__u32 index, struct state *s) {
    __u64 h = s->h;
#pragma clang loop unroll(disable)
    for (int k = 0; k < 8; k++)
        h = (h ^ (index + k)) * 0x100000001b3ULL;
    s->h = h;
    return 0;
}

__u64 digest;

SEC("xdp")
int hash_rounds(struct xdp_md *ctx) {
    struct state s = {.h = ctx->ingress_ifindex};
    bpf_loop(1000, step, &s, 0);
    digest = s.h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
