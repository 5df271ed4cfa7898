// case: reading max_entries of the kernel's struct bpf_map through the map pointer (CO-RE, as libbpf selftests do) is allowed
// kernel: accept
// expect: pass
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct bpf_map {
    __u32 max_entries;
} __attribute__((preserve_access_index));

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u64);
} per_queue SEC(".maps");

SEC("xdp")
int xdp_queue_count(struct xdp_md *ctx) {
    struct bpf_map *map = (struct bpf_map *)&per_queue;
    __u32 queue = ctx->rx_queue_index;
    if (queue >= map->max_entries)
        return XDP_PASS;
    __u64 *count = bpf_map_lookup_elem(&per_queue, &queue);
    if (count)
        *count += 1;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
