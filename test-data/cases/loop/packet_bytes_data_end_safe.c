// case: a loop over the first 64 packet bytes checks data_end inside the loop before each read
// kernel: accept
// expect: pass
// xfail: bpfcheck reports packet.bounds at line 20 (a memory-safety imprecision, not a loop check): the fixpoint keeps i = 0..31 in separate partitions, folds the rest into one whose i is widened to an unknown scalar, and clang's exit test `if r2 != 64` cannot bound it again, so data + i may lie before the packet; the kernel walks the 64 iterations with i exact (the termination check itself proves 64 iterations from i's exact start and stride)
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u32 checksum;

SEC("xdp")
int sum_bytes(struct xdp_md *ctx) {
    __u8 *data = (__u8 *)(long)ctx->data;
    __u8 *end = (__u8 *)(long)ctx->data_end;
    __u32 sum = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 64; i++) {
        if (data + i + 1 > end)
            break;
        sum += data[i];
    }
    checksum = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
