// A small XDP firewall: drops IPv4 packets whose source address is in a
// blocklist map and counts verdicts per action. The example object that the
// README's first command runs bpfcheck on.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u32);
    __type(value, __u8);
} blocklist SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u64);
} verdicts SEC(".maps");

static __attribute__((noinline)) int count(__u32 action) {
    __u64 *counter = bpf_map_lookup_elem(&verdicts, &action);
    if (counter)
        *counter += 1;
    return action;
}

SEC("xdp")
int xdp_firewall(struct xdp_md *ctx) {
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return count(XDP_PASS);
    if (eth->h_proto != __builtin_bswap16(ETH_P_IP))
        return count(XDP_PASS);
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end)
        return count(XDP_DROP);
    __u32 source = ip->saddr;
    if (bpf_map_lookup_elem(&blocklist, &source))
        return count(XDP_DROP);
    return count(XDP_PASS);
}

char LICENSE[] SEC("license") = "GPL";
