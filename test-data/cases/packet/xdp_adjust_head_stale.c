// case: packet pointer used after bpf_xdp_adjust_head, which invalidates every packet pointer taken before it (clear_all_pkt_pointers -> mark_reg_invalid: with CAP_PERFMON the stale pointer is an unknown number, so the write goes through a scalar)
// expect: pointer.not_pointer @ line 23
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
