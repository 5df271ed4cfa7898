// case: payload byte at a variable offset read after checking only the fixed UDP header end
// expect: packet.bounds @ line 28
// kernel: reject
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/in.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

SEC("xdp")
int xdp_udp_magic_bad(struct xdp_md *ctx)
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
    return *p == 0xaa ? XDP_DROP : XDP_PASS; // <-- p = payload + idx was never compared with data_end
}

char LICENSE[] SEC("license") = "GPL";
