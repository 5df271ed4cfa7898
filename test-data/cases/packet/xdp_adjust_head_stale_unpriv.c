// case: packet pointer used after bpf_xdp_adjust_head by a loader without CAP_PERFMON: mark_reg_invalid leaves the stale pointer uninitialised (no pointer leaks allowed), so reading it is "R? !read_ok"
// args: --unprivileged
// expect: uninit.register @ line 24
// kernel: reject
//
#include <linux/bpf.h>
#include <linux/if_ether.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_xdp_adjust_head)(struct xdp_md *xdp_md, int delta) = (void *)44;

SEC("xdp")
int xdp_pop_header(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;

    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    if (bpf_xdp_adjust_head(ctx, 4))
        return XDP_DROP;
    eth->h_proto = 0; // <-- eth was taken before adjust_head
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
