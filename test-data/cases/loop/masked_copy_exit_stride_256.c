// case: a loop tests the low byte of its counter (`(i & 0xff) < 200`) but steps by 256, so the low byte never changes and the loop never exits: the masked copy moves by the stride modulo 2^8, here 0, and bounds nothing (the kernel walks it until it gives up)
// kernel: reject
// expect: loop.unbounded @ line 13
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
int seen;
SEC("xdp")
int low_byte_stuck(struct xdp_md *ctx)
{
    unsigned long i = ctx->rx_queue_index;
    unsigned long sum = 0;
    asm volatile("" : "+r"(i));
    while ((i & 0xff) < 200) {
        sum += i;
        i += 256;
    }
    seen = sum;
    return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
