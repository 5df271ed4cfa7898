// case: a 16-byte value is copied from one map's value into another map with the same value type by bpf_map_update_elem
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;

struct stats {
    __u64 packets;
    __u64 bytes;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct stats);
} current SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, struct stats);
} snapshot SEC(".maps");

SEC("xdp")
int xdp_snapshot(struct xdp_md *ctx) {
    __u32 key = 0;
    struct stats *cur = bpf_map_lookup_elem(&current, &key);
    if (!cur)
        return XDP_PASS;
    __u32 slot = ctx->rx_queue_index;
    bpf_map_update_elem(&snapshot, &slot, cur, BPF_ANY);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
