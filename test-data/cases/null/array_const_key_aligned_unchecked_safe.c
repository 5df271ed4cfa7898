// case: an ARRAY lookup with a constant in-bounds key (spilled to an 8-byte aligned slot) cannot fail (kernel 6.14+), so no NULL check is needed
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct config {
    __u32 max_len;
    __u32 action;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 2);
    __type(key, __u32);
    __type(value, struct config);
} settings SEC(".maps");

SEC("xdp")
int xdp_len_limit(struct xdp_md *ctx) {
    __u32 key __attribute__((aligned(8))) = 1;
    struct config *cfg = bpf_map_lookup_elem(&settings, &key);
    if (ctx->data_end - ctx->data > cfg->max_len)
        return cfg->action;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
