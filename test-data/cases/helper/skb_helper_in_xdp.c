// case: an XDP program calls bpf_skb_load_bytes, a helper for __sk_buff programs that the XDP program type does not offer
// kernel: reject
// expect: helper.not_for_type @ line 15
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_skb_load_bytes)(const void *skb, __u32 offset, void *to, __u32 len) = (void *)26;

SEC("xdp")
int xdp_peek(struct xdp_md *ctx) {
    __u8 mac[6];
    /* copied from a TC program: XDP has bpf_xdp_load_bytes instead */
    if (bpf_skb_load_bytes(ctx, 0, mac, sizeof(mac)) < 0)
        return XDP_PASS;
    return mac[0] & 1 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
