// case: a ring of samples in a map value whose write position is taken modulo the ring size
// kernel: accept
// expect: pass
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
    __u32 pos = r->head % RING_SIZE;
    r->len[pos] = ctx->data_end - ctx->data;
    r->head = pos + 1;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
