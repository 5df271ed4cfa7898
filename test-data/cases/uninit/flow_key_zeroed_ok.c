// case: the same key struct as flow_key_padding.c, zero-initialised first so the padding byte is written too
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define bpf_htons(x) __builtin_bswap16(x)

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct flow_key {
    __u32 saddr;
    __u16 id;
    __u8 proto;
    /* one byte of padding */
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 4096);
    __type(key, struct flow_key);
    __type(value, __u64);
} flows SEC(".maps");

SEC("xdp")
int xdp_count_flows(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    struct iphdr *iph = (void *)(eth + 1);
    struct flow_key key;

    if ((void *)(iph + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
        return XDP_PASS;
    __builtin_memset(&key, 0, sizeof(key));
    key.saddr = iph->saddr;
    key.id = iph->id;
    key.proto = iph->protocol;
    __u64 *count = bpf_map_lookup_elem(&flows, &key);
    if (count)
        __sync_fetch_and_add(count, 1);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
