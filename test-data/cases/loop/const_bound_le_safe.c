// case: for (i = 0; i <= 31; i++) halves the index into 16 counters; `<=` with a constant bounds the loop
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
int sum_pairs(struct xdp_md *ctx) {
    __u32 key = 0;
    struct buckets *b = bpf_map_lookup_elem(&table, &key);
    if (!b)
        return XDP_PASS;
    __u64 sum = 0;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i <= 31; i++)
        sum += b->count[i / 2] * (i & 1 ? 3 : 1);
    total = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
