// case: the map itself (`&config`) is written as if it were its value instead of being looked up
// kernel: reject
// expect: pointer.map_deref @ line 24
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct settings {
    __u32 enabled;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct settings);
} config SEC(".maps");

SEC("xdp")
int xdp_switch(struct xdp_md *ctx) {
    struct settings *s = (struct settings *)&config;
    s->enabled = ctx->rx_queue_index != 0;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
