// case: eight nested loops of 2 iterations each (clang's flags, no counter): the kernel walks the 256 innermost iterations
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;


SEC("xdp")
int nested_8_bound_2(struct xdp_md *ctx) {
    __u64 h = ctx->ingress_ifindex;
    #pragma clang loop unroll(disable)
    for (__u32 i0 = 0; i0 < 2U; i0++) {
        #pragma clang loop unroll(disable)
        for (__u32 i1 = 0; i1 < 2U; i1++) {
            #pragma clang loop unroll(disable)
            for (__u32 i2 = 0; i2 < 2U; i2++) {
                #pragma clang loop unroll(disable)
                for (__u32 i3 = 0; i3 < 2U; i3++) {
                    #pragma clang loop unroll(disable)
                    for (__u32 i4 = 0; i4 < 2U; i4++) {
                        #pragma clang loop unroll(disable)
                        for (__u32 i5 = 0; i5 < 2U; i5++) {
                            #pragma clang loop unroll(disable)
                            for (__u32 i6 = 0; i6 < 2U; i6++) {
                                #pragma clang loop unroll(disable)
                                for (__u32 i7 = 0; i7 < 2U; i7++) {
                                    h = (h ^ (i0 * 1 + i1 * 3 + i2 * 5 + i3 * 7 + i4 * 9 + i5 * 11 + i6 * 13 + i7 * 15)) * 0x100000001b3ULL;
                                    h ^= h >> 24;
                                }
                                h ^= h >> 23;
                            }
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

