// case: header parser in the style of xdp-tutorial: a cursor struct keeps a copy of the packet pointer, each header checked against data_end through the cursor
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/in.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

struct hdr_cursor {
    void *pos;
};

static __attribute__((always_inline)) int parse_ethhdr(struct hdr_cursor *nh, void *data_end, struct ethhdr **ethhdr)
{
    struct ethhdr *eth = nh->pos;
    if ((void *)(eth + 1) > data_end)
        return -1;
    nh->pos = eth + 1;
    *ethhdr = eth;
    return eth->h_proto;
}

static __attribute__((always_inline)) int parse_iphdr(struct hdr_cursor *nh, void *data_end, struct iphdr **iphdr)
{
    struct iphdr *iph = nh->pos;
    if ((void *)(iph + 1) > data_end)
        return -1;
    int hdrsize = iph->ihl * 4;
    if (hdrsize < (int)sizeof(*iph))
        return -1;
    if (nh->pos + hdrsize > data_end)
        return -1;
    nh->pos += hdrsize;
    *iphdr = iph;
    return iph->protocol;
}

static __attribute__((always_inline)) int parse_udphdr(struct hdr_cursor *nh, void *data_end, struct udphdr **udphdr)
{
    struct udphdr *h = nh->pos;
    if ((void *)(h + 1) > data_end)
        return -1;
    nh->pos = h + 1;
    *udphdr = h;
    return bpf_htons(h->len) - (int)sizeof(*h);
}

SEC("xdp")
int xdp_parse_cursor(struct xdp_md *ctx)
{
    void *data_end = (void *)(long)ctx->data_end;
    struct hdr_cursor nh = { .pos = (void *)(long)ctx->data };
    struct ethhdr *eth;
    struct iphdr *iph;
    struct udphdr *udp;

    if (parse_ethhdr(&nh, data_end, &eth) != bpf_htons(ETH_P_IP))
        return XDP_PASS;
    if (parse_iphdr(&nh, data_end, &iph) != IPPROTO_UDP)
        return XDP_PASS;
    if (parse_udphdr(&nh, data_end, &udp) < 0)
        return XDP_ABORTED;
    udp->dest = bpf_htons(bpf_htons(udp->dest) - 1);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
