// case: XDP program decrements the IP TTL after checking only the Ethernet header
// expect: packet.bounds @ line 20
// kernel: reject
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_dec_ttl(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;

    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    struct iphdr *iph = (void *)(eth + 1);
    iph->ttl = 63; // <-- write at packet offset 22, only 14 bytes proven
    return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
