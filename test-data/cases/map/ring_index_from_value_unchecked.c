// case: the ring's write position is read back from the map value and used as an index without bounding it
// kernel: reject
// expect: map.bounds @ line 35
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

#define RING_SIZE 32

struct ring {
    __u32 head;
    __u32 pad;
    __u64 len[RING_SIZE];
};

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct ring);
} lengths SEC(".maps");

SEC("xdp")
int xdp_lengths(struct xdp_md *ctx) {
    __u32 key = 0;
    struct ring *r = bpf_map_lookup_elem(&lengths, &key);
    if (!r)
        return XDP_PASS;
    __u32 pos = r->head;
    /* the wrap-around below comes too late: pos may already be past the ring */
    r->len[pos] = ctx->data_end - ctx->data;
    r->head = pos + 1 == RING_SIZE ? 0 : pos + 1;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
