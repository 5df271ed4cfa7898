// case: a stack buffer is filled by a loop that is not unrolled (variable-offset writes) and then passed whole to a helper
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;

struct pattern {
    __u8 bytes[32];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, struct pattern);
} patterns SEC(".maps");

SEC("xdp")
int xdp_store_pattern(struct xdp_md *ctx)
{
    struct pattern p;
    __u32 key = 0;
    __u8 seed = ctx->rx_queue_index;

#pragma clang loop unroll(disable)
    for (int i = 0; i < 32; i++)
        p.bytes[i] = seed + i * 7;
    bpf_map_update_elem(&patterns, &key, &p, BPF_ANY);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
