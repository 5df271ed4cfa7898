// case: a rate is computed by dividing by a 16-bit window field from the TCP header, which the sender may set to 0
// kernel: accept
// expect: div.by_zero @ line 26
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>

#define SEC(name) __attribute__((section(name), used))

__u64 ratio_sum;

SEC("xdp")
int xdp_window(struct xdp_md *ctx) {
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    struct iphdr *ip = (void *)(eth + 1);
    struct tcphdr *tcp = (void *)(ip + 1);
    if ((void *)(tcp + 1) > data_end)
        return XDP_PASS;
    if (eth->h_proto != __builtin_bswap16(ETH_P_IP) || ip->protocol != 6 || ip->ihl != 5)
        return XDP_PASS;
    __u32 window = __builtin_bswap16(tcp->window);
    __u32 len = data_end - data;
    ratio_sum += len * 1000 / window;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
