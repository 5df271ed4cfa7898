// case: a non-inlined helper function reads a header its caller never checked (the check is in the wrong function)
// expect: packet.bounds @ line 12
// kernel: reject
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) int ttl_of(struct iphdr *iph)
{
    return iph->ttl; // <-- nothing about iph is proven here
}

SEC("xdp")
int xdp_low_ttl(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;

    if (data + sizeof(struct ethhdr) > data_end)
        return XDP_PASS;
    return ttl_of(data + sizeof(struct ethhdr)) < 2 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
