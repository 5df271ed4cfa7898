// case: for (i = 15; i >= 0; i--) counts down over 16 counters; a decreasing counter with a lower bound
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct buckets {
    __u64 count[16];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct buckets);
} table SEC(".maps");

__u64 total;

SEC("xdp")
int horner(struct xdp_md *ctx) {
    __u32 key = 0;
    struct buckets *b = bpf_map_lookup_elem(&table, &key);
    if (!b)
        return XDP_PASS;
    __u64 acc = 0;
#pragma clang loop unroll(disable)
    for (int i = 15; i >= 0; i--)
        acc = acc * 3 + b->count[i];
    total = acc;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
