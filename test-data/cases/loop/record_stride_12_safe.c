// case: a loop of 40 iterations reads one field of each 12-byte record in a map value; the pointer advances by 12 while the counter advances by 1 (more iterations than the 32 partitions kept apart, so the offset is bounded by its relation to the counter, off = 12 * i + 4)
// kernel: accept
// expect: pass
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
    for (int i = 0; i < 40; i++)
        sum += t->r[i].b ^ i;
    total = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
