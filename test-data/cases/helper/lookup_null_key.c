// case: NULL is passed as the key of bpf_map_lookup_elem ("the array has one element anyway")
// kernel: reject
// expect: helper.arg_type @ line 21
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u64);
} total SEC(".maps");

SEC("xdp")
int xdp_total(struct xdp_md *ctx) {
    __u64 *t = bpf_map_lookup_elem(&total, (void *)0);
    if (t)
        *t += ctx->data_end - ctx->data;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
