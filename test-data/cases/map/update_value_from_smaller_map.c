// case: bpf_map_update_elem copies a 16-byte value from a pointer into another map whose values are 8 bytes
// kernel: reject
// expect: map.bounds @ line 39
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
    __type(value, __u64);
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
    __u64 *cur = bpf_map_lookup_elem(&current, &key);
    if (!cur)
        return XDP_PASS;
    /* the current map once held a struct stats */
    bpf_map_update_elem(&snapshot, &key, cur, BPF_ANY);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
