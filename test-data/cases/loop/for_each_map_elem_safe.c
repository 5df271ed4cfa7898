// case: bpf_for_each_map_elem() visits every element of an array map through a callback; no CFG loop at all
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_for_each_map_elem)(void *map, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)164;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 256);
    __type(key, __u32);
    __type(value, __u64);
} counters SEC(".maps");

struct total {
    __u64 sum;
};

static __u64 add_counter(void *map, __u32 *key, __u64 *value, struct total *t) {
    t->sum += *value;
    return 0;
}

__u64 grand_total;

SEC("xdp")
int sum_counters(struct xdp_md *ctx) {
    struct total t = {0};
    bpf_for_each_map_elem(&counters, add_counter, &t, 0);
    grand_total = t.sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
