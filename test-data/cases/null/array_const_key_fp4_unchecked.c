// case: an ARRAY lookup with a constant in-bounds key stored at fp-4 with a 4-byte store: the kernel drops the NULL of a constant-key lookup only when the key is a scalar spilled to an 8-byte aligned slot (get_constant_map_key), and a 4-byte store of a non-zero constant leaves STACK_MISC bytes (the key is unknown), so the missing NULL check is refused, although key 1 < max_entries 2 cannot miss
// kernel: reject
// expect: null.deref @ line 28
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
    __u32 key = 1;
    struct config *cfg = bpf_map_lookup_elem(&settings, &key);
    if (ctx->data_end - ctx->data > cfg->max_len)
        return cfg->action;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
