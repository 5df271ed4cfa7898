// case: a histogram slot indexed by a packet byte masked to the slot count stays inside the map value
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct hist {
    __u64 slots[16];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct hist);
} histogram SEC(".maps");

SEC("xdp")
int xdp_hist(struct xdp_md *ctx) {
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u8 *first = data;
    if ((void *)(first + 1) > data_end)
        return XDP_PASS;
    __u32 key = 0;
    struct hist *h = bpf_map_lookup_elem(&histogram, &key);
    if (!h)
        return XDP_PASS;
    h->slots[*first & 15] += 1;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
