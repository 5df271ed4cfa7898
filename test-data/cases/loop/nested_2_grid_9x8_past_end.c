// case: two nested constant loops (9 x 8) sum a grid of 8 x 8 cells in a map value: the ninth row is read past the value's end
// kernel: reject
// expect: map.bounds @ line 36
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct grid {
    __u32 cell[8][8];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct grid);
} grids SEC(".maps");

__u64 total;

SEC("xdp")
int sum_grid(struct xdp_md *ctx) {
    __u32 key = 0;
    struct grid *g = bpf_map_lookup_elem(&grids, &key);
    if (!g)
        return XDP_PASS;
    __u64 sum = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 9; i++) {
#pragma clang loop unroll(disable)
        for (int j = 0; j < 8; j++)
            sum += g->cell[i][j] * (i + 1);
    }
    total = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
