// case: an 8-byte flow key (saddr, daddr) is read by the lookup from the packet, but only the Ethernet header was bounds-checked
// kernel: reject
// expect: packet.bounds @ line 37
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct addr_pair {
    __u32 saddr;
    __u32 daddr;
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 4096);
    __type(key, struct addr_pair);
    __type(value, __u64);
} pairs SEC(".maps");

SEC("xdp")
int xdp_pairs(struct xdp_md *ctx) {
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_PASS;
    if (eth->h_proto != __builtin_bswap16(ETH_P_IP))
        return XDP_PASS;
    /* saddr and daddr are adjacent in struct iphdr: use them in place as the key */
    struct iphdr *ip = (void *)(eth + 1);
    __u64 *count = bpf_map_lookup_elem(&pairs, &ip->saddr);
    if (count)
        __sync_fetch_and_add(count, 1);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
