// case: metadata is checked against data_end instead of data: that proves nothing about the metadata area
// expect: packet.bounds @ line 16
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_meta_wrong_end(struct xdp_md *ctx)
{
    void *data_end = (void *)(long)ctx->data_end;
    __u32 *mark = (void *)(long)ctx->data_meta;

    if ((void *)(mark + 1) > data_end)
        return XDP_PASS;
    return *mark == 0xdead ? XDP_DROP : XDP_PASS; // <-- compared with data_end, not data
}

char LICENSE[] SEC("license") = "GPL";
