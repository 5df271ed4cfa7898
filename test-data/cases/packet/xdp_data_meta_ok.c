// case: XDP program reads a 4-byte mark from the metadata area after checking data_meta + 4 <= data
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_read_meta(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *meta = (void *)(long)ctx->data_meta;
    __u32 *mark = meta;

    if ((void *)(mark + 1) > data)
        return XDP_PASS;
    return *mark == 0xdead ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
