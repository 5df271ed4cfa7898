// case: a bpf_loop callback calls a static __noinline helper function, which writes into the caller's stack context through the pointer it is given
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

struct hist {
    __u32 slots[8];
};

static __attribute__((noinline)) void bump(struct hist *h, __u32 slot) {
    if (slot < 8)
        h->slots[slot]++;
}

static int fill(__u32 index, struct hist *h) {
    bump(h, (index * 7) & 7);
    return 0;
}

__u32 first_slot;

SEC("xdp")
int xdp_hist(struct xdp_md *ctx) {
    struct hist h = {};
    bpf_loop(64, fill, &h, 0);
    first_slot = h.slots[0];
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
