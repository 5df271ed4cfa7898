// case: the loop bound is a map value masked with 0xff, so at most 255 iterations
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct config {
    __u32 rounds;
    __u32 seed;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct config);
} settings SEC(".maps");

__u64 result;

SEC("xdp")
int mix_masked(struct xdp_md *ctx) {
    __u32 key = 0;
    struct config *c = bpf_map_lookup_elem(&settings, &key);
    if (!c)
        return XDP_PASS;
    __u32 n = c->rounds & 0xff;
    __u64 h = c->seed;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i < n; i++)
        h = h * 31 + i;
    result = h;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
