// case: metadata area read without comparing data_meta against data (it may be empty)
// expect: packet.bounds @ line 13
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_meta_unchecked(struct xdp_md *ctx)
{
    __u32 *mark = (void *)(long)ctx->data_meta;

    return *mark == 0xdead ? XDP_DROP : XDP_PASS; // <-- data_meta + 4 <= data never checked
}

char LICENSE[] SEC("license") = "GPL";
