// case: an ARRAY lookup with a constant in-bounds key cannot fail, so the missing NULL check is safe; the key sits at fp-4
// kernel: reject
// expect: pass
// kernel-differs: the kernel is imprecise: it drops the NULL only when the key is a scalar spilled to an 8-byte aligned stack slot (get_constant_map_key); the 4-byte store of the key at fp-4 leaves STACK_MISC, so it rejects with "R0 invalid mem access 'map_value_or_null'" although key 1 < max_entries 2 cannot miss
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
