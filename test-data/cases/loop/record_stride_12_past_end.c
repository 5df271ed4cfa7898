// case: the loop over 12-byte records of record_stride_12_safe runs 41 times over 40 records: the last read is past the map value's end, found from the offset's relation to the counter (off = 12 * i + 4)
// kernel: reject
// expect: map.bounds @ line 38
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct rec {
    __u32 a, b, c;
};

struct table {
    struct rec r[40];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct table);
} tables SEC(".maps");

__u64 total;

SEC("xdp")
int sum_records(struct xdp_md *ctx) {
    __u32 key = 0;
    struct table *t = bpf_map_lookup_elem(&tables, &key);
    if (!t)
        return XDP_PASS;
    __u64 sum = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 41; i++)
        sum += t->r[i].b ^ i;
    total = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
