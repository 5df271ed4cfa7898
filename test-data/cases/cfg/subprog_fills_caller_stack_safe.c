// case: a static parser fills a struct on the caller's stack through a pointer argument
// kernel: accept
// expect: pass
//
#include <linux/bpf.h>
#include <linux/if_ether.h>

#define SEC(name) __attribute__((section(name), used))

struct frame_info {
    __u16 proto;
    __u16 len;
    __u32 queue;
};

static __attribute__((noinline)) int parse(struct xdp_md *ctx, struct frame_info *info) {
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return -1;
    info->proto = eth->h_proto;
    info->len = data_end - data;
    info->queue = ctx->rx_queue_index;
    return 0;
}

SEC("xdp")
int xdp_parse(struct xdp_md *ctx) {
    struct frame_info info;
    if (parse(ctx, &info) < 0)
        return XDP_DROP;
    return info.proto == __builtin_bswap16(ETH_P_IP) && info.len < 64 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
