// case: a `volatile` index lives in a stack slot and moves with the loop counter over 100 iterations (more than the partitions keep apart): its relation to the counter, carried through each store and load, bounds the map-value index
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct buf {
    __u8 b[128];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct buf);
} bufs SEC(".maps");

SEC("xdp")
int slot_counter(struct xdp_md *ctx) {
    __u32 key = 0;
    struct buf *v = bpf_map_lookup_elem(&bufs, &key);
    if (!v)
        return XDP_PASS;
    volatile __u64 j = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 100; i++) {
        v->b[j] = i;
        j = j + 1;
    }
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
