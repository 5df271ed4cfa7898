// case: for (i = 0; i < 64; i += 4) reads every fourth byte of a 64-byte map value; stride 4
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct block {
    __u8 bytes[64];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct block);
} blocks SEC(".maps");

__u64 total;

SEC("xdp")
int every_fourth(struct xdp_md *ctx) {
    __u32 key = 0;
    struct block *b = bpf_map_lookup_elem(&blocks, &key);
    if (!b)
        return XDP_PASS;
    __u64 sum = 0;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i < 64; i += 4)
        sum += b->bytes[i];
    total = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
