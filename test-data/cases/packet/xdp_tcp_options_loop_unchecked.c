// case: TCP option loop checks that the kind byte is present but reads the length byte behind it unchecked
// expect: packet.bounds @ line 34
// kernel: reject
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/in.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

SEC("xdp")
int xdp_find_mss_bad(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    struct iphdr *iph = (void *)(eth + 1);
    struct tcphdr *tcp = (void *)(iph + 1);

    if ((void *)(tcp + 1) > data_end)
        return XDP_PASS;
    if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_TCP || iph->ihl != 5)
        return XDP_PASS;
    unsigned char *opt = (void *)(tcp + 1);
    for (int i = 0; i < 10; i++) {
        if ((void *)(opt + 1) > data_end)
            break;
        if (opt[0] == 0)
            break;
        if (opt[0] == 2)
            return XDP_DROP;
        if (opt[1] < 2) // <-- only opt[0] is proven to be in the packet
            break;
        opt += opt[1];
    }
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
