// case: a counter from 2^32 up to a bound in a register (2^32 plus a packet byte): widening would take the counter past every constant and its step would wrap it, losing its start; the loop's invariant bound is a widening threshold instead (the kernel walks the up to 256 iterations)
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
SEC("xdp")
int count_from_above_u32(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    if (data + 1 > data_end)
        return XDP_PASS;
    asm volatile("r1 = *(u8 *)(%[data] + 0);"
                 "r0 = 0x100000000 ll;"
                 "r1 += r0;"
                 "r0 = 0x100000000 ll;"
                 "1: r0 += 1;"
                 "if r0 < r1 goto 1b;"
                 :
                 : [data] "r"(data)
                 : "r0", "r1");
    return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
