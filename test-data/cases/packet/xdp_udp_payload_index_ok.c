// case: byte at a masked variable offset into the UDP payload, checked against data_end after the offset is added
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/in.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

SEC("xdp")
int xdp_udp_magic(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    struct iphdr *iph = (void *)(eth + 1);
    struct udphdr *udp = (void *)(iph + 1);

    if ((void *)(udp + 1) > data_end)
        return XDP_PASS;
    if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_UDP)
        return XDP_PASS;
    __u32 idx = udp->check & 0x3f;
    unsigned char *p = (unsigned char *)(udp + 1) + idx;
    if ((void *)(p + 1) > data_end)
        return XDP_PASS;
    return *p == 0xaa ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
