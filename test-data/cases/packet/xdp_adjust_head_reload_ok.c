// case: after bpf_xdp_adjust_head the program reloads data/data_end and checks again before writing
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/if_ether.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_xdp_adjust_head)(struct xdp_md *xdp_md, int delta) = (void *)44;

SEC("xdp")
int xdp_push_header(struct xdp_md *ctx)
{
    if (bpf_xdp_adjust_head(ctx, -4))
        return XDP_DROP;
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u32 *tag = data;

    if ((void *)(tag + 1) > data_end)
        return XDP_DROP;
    *tag = 0x12345678;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
