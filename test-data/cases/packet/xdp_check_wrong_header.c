// case: the program checks the Ethernet header but then reads the IP header behind it
// expect: packet.bounds @ line 23
// kernel: reject
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

SEC("xdp")
int xdp_check_wrong_header(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;

    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    if (eth->h_proto != bpf_htons(ETH_P_IP))
        return XDP_PASS;
    struct iphdr *iph = (void *)(eth + 1);
    if (iph->protocol == 17) // <-- only the 14-byte Ethernet header was checked
        return XDP_DROP;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
