// case: bpf_loop() bounds the calls to its callback, but the callback itself loops up to an unchecked bound from its context
// kernel: reject
// expect: loop.unbounded @ line 19
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

struct state {
    __u64 h;
    __u32 width;
};

static int step(__u32 index, struct state *s) {
    __u64 h = s->h;
    __u32 n = s->width;
#pragma clang loop unroll(disable)
    for (__u32 k = 0; k < n; k++)
        h = (h ^ (index + k)) * 0x100000001b3ULL;
    s->h = h;
    return 0;
}

__u64 digest;

SEC("xdp")
int hash_rounds(struct xdp_md *ctx) {
    struct state s = {.h = 1, .width = ctx->ingress_ifindex};
    bpf_loop(16, step, &s, 0);
    digest = s.h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
