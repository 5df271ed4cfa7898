// case: six nested loops of 3 iterations each: with register pressure some counters live in stack slots; the kernel walks the 729 innermost iterations
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;


SEC("xdp")
int nested_6_bound_3(struct xdp_md *ctx) {
    __u64 h = ctx->ingress_ifindex;
    #pragma clang loop unroll(disable)
    for (__u32 i0 = 0; i0 < 3U; i0++) {
        #pragma clang loop unroll(disable)
        for (__u32 i1 = 0; i1 < 3U; i1++) {
            #pragma clang loop unroll(disable)
            for (__u32 i2 = 0; i2 < 3U; i2++) {
                #pragma clang loop unroll(disable)
                for (__u32 i3 = 0; i3 < 3U; i3++) {
                    #pragma clang loop unroll(disable)
                    for (__u32 i4 = 0; i4 < 3U; i4++) {
                        #pragma clang loop unroll(disable)
                        for (__u32 i5 = 0; i5 < 3U; i5++) {
                            h = (h ^ (i0 * 1 + i1 * 3 + i2 * 5 + i3 * 7 + i4 * 9 + i5 * 11)) * 0x100000001b3ULL;
                            h ^= h >> 22;
                        }
                        h ^= h >> 21;
                    }
                    h ^= h >> 20;
                }
                h ^= h >> 19;
            }
            h ^= h >> 18;
        }
    }
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";

