// case: the same ARRAY lookup with a constant in-bounds key, for Linux 6.12: before 6.14 every lookup may fail, so the unchecked dereference is refused
// kernel: accept
// args: --kernel 6.12
// kernel-differs: the running kernel (6.14 or later) drops the NULL from constant-key array lookups; the target 6.12 does not
// expect: null.deref @ line 30
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
