// case: `while (i < n && can_loop)` with an unchecked bound: the may_goto of can_loop (Linux 6.9) bounds the loop
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* can_loop as the kernel's bpf_experimental.h defines it for compilers with may_goto */
#define can_loop                                                        \
    ({                                                                  \
        __label__ l_break, l_continue;                                  \
        int ret = 1;                                                    \
        asm volatile goto("may_goto %l[l_break]" :::: l_break);         \
        goto l_continue;                                                \
    l_break:                                                            \
        ret = 0;                                                        \
    l_continue:;                                                        \
        ret;                                                            \
    })

__u64 digest;

SEC("xdp")
int spin_may_goto(struct xdp_md *ctx) {
    __u64 h = 0, i = 0;
    __u32 n = ctx->ingress_ifindex;
    while (i < n && can_loop) {
        h = h * 31 + i;
        i++;
    }
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
