// case: packet pointers passed to a non-inlined static function that does its own bounds check
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))
#define bpf_htons(x) __builtin_bswap16(x)

static __attribute__((noinline)) int is_fragment(void *data, void *data_end)
{
    struct iphdr *iph = data + sizeof(struct ethhdr);

    if ((void *)(iph + 1) > data_end)
        return 0;
    return (iph->frag_off & bpf_htons(0x3fff)) != 0;
}

SEC("xdp")
int xdp_drop_frags(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;

    return is_fragment(data, data_end) ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
