// case: an XDP program pops an 4-byte encapsulation with bpf_xdp_adjust_head and re-reads data/data_end afterwards
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_xdp_adjust_head)(void *xdp_md, int delta) = (void *)44;

SEC("xdp")
int xdp_pop(struct xdp_md *ctx) {
    if (bpf_xdp_adjust_head(ctx, 4))
        return XDP_DROP;
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    if (data + 1 > data_end)
        return XDP_DROP;
    return *(__u8 *)data == 0x45 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
