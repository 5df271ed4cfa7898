// case: bpf_loop (Linux 5.17) checked against a 6.1 target kernel, which has it
// args: --kernel 6.1
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

static int add_index(__u32 index, __u64 *sum) {
    *sum += index;
    return 0;
}

__u64 result;

SEC("xdp")
int xdp_sum(struct xdp_md *ctx) {
    __u64 sum = 0;
    bpf_loop(32, add_index, &sum, 0);
    result = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
