// case: bpf_loop(1, ...) runs its callback at most once, so the counter the callback increments is 0 or 1 after the call and indexes a 2-byte array safely (check_helper_call walks bpf_loop's callback while callback_depth < umax(R1), each state exact)
// kernel: accept
// expect: pass
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
int once(struct xdp_md *ctx) {
    struct count c = {.i = 0};
    bpf_loop(1, bump, &c, 0);
    return choice[c.i];
}

char LICENSE[] SEC("license") = "GPL";
