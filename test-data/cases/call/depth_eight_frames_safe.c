// case: a chain of seven nested static __noinline functions below the program makes eight call frames, the most the kernel allows
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) __u64 level7(__u64 x) {
    return x * 7 + 1;
}

static __attribute__((noinline)) __u64 level6(__u64 x) {
    return level7(x + 6) ^ x;
}

static __attribute__((noinline)) __u64 level5(__u64 x) {
    return level6(x + 5) ^ x;
}

static __attribute__((noinline)) __u64 level4(__u64 x) {
    return level5(x + 4) ^ x;
}

static __attribute__((noinline)) __u64 level3(__u64 x) {
    return level4(x + 3) ^ x;
}

static __attribute__((noinline)) __u64 level2(__u64 x) {
    return level3(x + 2) ^ x;
}

static __attribute__((noinline)) __u64 level1(__u64 x) {
    return level2(x + 1) ^ x;
}

__u64 result;

SEC("xdp")
int xdp_deep(struct xdp_md *ctx) {
    result = level1(ctx->ingress_ifindex);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
