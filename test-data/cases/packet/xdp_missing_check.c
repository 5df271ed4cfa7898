// case: XDP program reads the EtherType without any check against data_end
// expect: packet.bounds @ line 16
// kernel: reject
#include <linux/bpf.h>
#include <linux/if_ether.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

SEC("xdp")
int xdp_no_check(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    struct ethhdr *eth = data;

    if (eth->h_proto == bpf_htons(ETH_P_ARP)) // <-- no bounds check at all
        return XDP_DROP;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
