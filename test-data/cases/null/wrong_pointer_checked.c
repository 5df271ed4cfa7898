// case: two lookups, but the second result is guarded by a re-check of the first pointer
// kernel: reject
// expect: null.deref @ line 36
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u32);
    __type(value, __u64);
} rx_bytes SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u32);
    __type(value, __u64);
} rx_packets SEC(".maps");

SEC("xdp")
int xdp_account(struct xdp_md *ctx) {
    __u32 ifindex = ctx->ingress_ifindex;
    __u64 *bytes = bpf_map_lookup_elem(&rx_bytes, &ifindex);
    if (!bytes)
        return XDP_PASS;
    __u64 *packets = bpf_map_lookup_elem(&rx_packets, &ifindex);
    if (!bytes) /* copy-paste slip: meant `packets` */
        return XDP_PASS;
    *bytes += ctx->data_end - ctx->data;
    __sync_fetch_and_add(packets, 1);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
