// case: a checksum folded with `while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16)` (the bpf-developer-tutorial's XDP load balancer, csum_fold in much XDP and tc code): no counter, yet the kernel walks it from its entry and every path leaves by the third iteration (any u32, then [0x10000, 0x1fffe], then 0x10000, then 1)
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int fold(struct xdp_md *ctx) {
    __u32 sum = ctx->data_end - ctx->data;
    sum *= 0x10001;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return sum & 1 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
