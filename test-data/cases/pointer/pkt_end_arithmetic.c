// case: a runt-frame check written as `eth + 1 > data_end - 4` (room for the FCS): arithmetic on data_end is prohibited (clang tags the `r2 += -4` with line 14, hence insn)
// kernel: reject
// expect: pointer.arithmetic @ insn 6
#include <linux/bpf.h>
#include <linux/if_ether.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_fcs(struct xdp_md *ctx) {
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_DROP;
    /* a runt frame has no room for the 4-byte FCS after the header */
    if ((void *)(eth + 1) > data_end - 4)
        return XDP_DROP;
    return eth->h_proto == __builtin_bswap16(ETH_P_ARP) ? XDP_PASS : XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
