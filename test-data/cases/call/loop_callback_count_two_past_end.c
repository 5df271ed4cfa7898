// case: bpf_loop(2, ...) may run its callback twice, so the counter it increments may be 2 after the call, one past the 2-byte array it indexes
// kernel: reject
// expect: map.bounds @ line 25
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_loop)(__u32 nr, void *callback, void *ctx, __u64 flags) = (void *)181;

struct count {
    __u64 i;
};

__u8 choice[2] = {0, 1};

static long bump(__u32 index, struct count *c) {
    c->i++;
    return 0;
}

SEC("xdp")
int twice(struct xdp_md *ctx) {
    struct count c = {.i = 0};
    bpf_loop(2, bump, &c, 0);
    return choice[c.i];
}

char LICENSE[] SEC("license") = "GPL";
