// case: the same bpf_loop call checked against a 5.10 target kernel: bpf_loop first appeared in Linux 5.17
// args: --kernel 5.10
// kernel: accept
// kernel-differs: the target is Linux 5.10 (--kernel 5.10), which has no bpf_loop (helper 181, added in 5.17) and would refuse the call as an invalid func; the running kernel is newer and accepts it
// expect: helper.unavailable @ line 22
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
