// case: as checksum_fold_while_safe.c, but each fold also adds a bias user space writes to .bss (0x10000 there keeps the sum from ever dropping below 0x10000): nothing bounds the loop; the kernel walks it until a state repeats ("infinite loop detected")
// kernel: reject
// expect: loop.unbounded @ line 13
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

volatile __u32 bias;

SEC("xdp")
int fold(struct xdp_md *ctx) {
    __u32 sum = ctx->data_end - ctx->data;
    sum *= 0x10001;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16) + bias;
    return sum & 1 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
