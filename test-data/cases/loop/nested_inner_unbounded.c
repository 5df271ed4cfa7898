// case: the outer loop runs 4 times, the inner one up to an unchecked u32 from a map value: only the inner loop is unbounded
// kernel: reject
// expect: loop.unbounded @ line 36
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct config {
    __u32 rounds[4];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct config);
} settings SEC(".maps");

__u64 digest;

SEC("xdp")
int rounds_per_lane(struct xdp_md *ctx) {
    __u32 key = 0;
    struct config *c = bpf_map_lookup_elem(&settings, &key);
    if (!c)
        return XDP_PASS;
    __u64 h = ctx->ingress_ifindex;
#pragma clang loop unroll(disable)
    for (int lane = 0; lane < 4; lane++) {
        __u32 n = c->rounds[lane];
#pragma clang loop unroll(disable)
        for (__u32 i = 0; i < n; i++)
            h = (h ^ i) * 0x100000001b3ULL;
    }
    digest = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
