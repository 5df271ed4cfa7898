// case: the VLAN tag is read after checking only the Ethernet header (the 4-byte tag is never checked)
// expect: packet.bounds @ line 27
// kernel: reject
#include <linux/bpf.h>
#include <linux/if_ether.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

struct vlan_hdr {
    __be16 h_vlan_TCI;
    __be16 h_vlan_encapsulated_proto;
};

SEC("xdp")
int xdp_vlan_unchecked(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;

    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    if (eth->h_proto != bpf_htons(ETH_P_8021Q))
        return XDP_PASS;
    struct vlan_hdr *vh = (void *)(eth + 1);
    __u16 vid = bpf_htons(vh->h_vlan_TCI) & 0x0fff; // <-- vlan header not checked
    return vid == 100 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
