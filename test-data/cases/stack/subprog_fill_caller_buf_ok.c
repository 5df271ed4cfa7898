// case: a non-inlined function fills a buffer that lives in its caller's stack frame
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/if_ether.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) int fill_mac(unsigned char *mac, int seed)
{
    for (int i = 0; i < ETH_ALEN; i++)
        mac[i] = seed + i;
    return 0;
}

SEC("xdp")
int xdp_fill_mac(struct xdp_md *ctx)
{
    unsigned char mac[8];

    fill_mac(mac, ctx->rx_queue_index);
    return mac[5] & 1 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
