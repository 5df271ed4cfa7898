// case: 802.1Q VLAN tag parsed with its own bounds check before reading the inner EtherType and IP header
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

struct vlan_hdr {
    __be16 h_vlan_TCI;
    __be16 h_vlan_encapsulated_proto;
};

SEC("xdp")
int xdp_vlan(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    void *cursor = eth + 1;

    if (cursor > data_end)
        return XDP_DROP;
    __u16 proto = eth->h_proto;
    if (proto == bpf_htons(ETH_P_8021Q) || proto == bpf_htons(ETH_P_8021AD)) {
        struct vlan_hdr *vh = cursor;
        if ((void *)(vh + 1) > data_end)
            return XDP_DROP;
        proto = vh->h_vlan_encapsulated_proto;
        cursor = vh + 1;
    }
    if (proto != bpf_htons(ETH_P_IP))
        return XDP_PASS;
    struct iphdr *iph = cursor;
    if ((void *)(iph + 1) > data_end)
        return XDP_DROP;
    return iph->ttl <= 1 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
