// case: the map argument of bpf_map_lookup_elem is a pointer to a stack copy of the key, the arguments swapped
// kernel: reject
// expect: helper.arg_type @ line 22
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u32);
} blocked SEC(".maps");

SEC("xdp")
int xdp_block(struct xdp_md *ctx) {
    __u32 ifindex = ctx->ingress_ifindex;
    __u32 *hit = bpf_map_lookup_elem(&ifindex, &blocked);
    return hit ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
