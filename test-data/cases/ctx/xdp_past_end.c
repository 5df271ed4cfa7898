// case: program compiled against a newer xdp_md with an extra field reads offset 24, past the end of this kernel's xdp_md
// expect: ctx.bad_access @ line 21
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct xdp_md_next {
    __u32 data;
    __u32 data_end;
    __u32 data_meta;
    __u32 ingress_ifindex;
    __u32 rx_queue_index;
    __u32 egress_ifindex;
    __u32 rx_hash; /* hypothetical future field */
};

SEC("xdp")
int xdp_future_field(struct xdp_md_next *ctx)
{
    return ctx->rx_hash & 1 ? XDP_DROP : XDP_PASS; // <-- offset 24 is past xdp_md
}

char LICENSE[] SEC("license") = "GPL";
