// case: a signed index checked only from above (`idx < 8`) may be negative and read before the map value
// kernel: reject
// expect: map.bounds @ line 32
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct weights {
    __u32 w[8];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct weights);
} weights SEC(".maps");

SEC("tc")
int tc_weight(struct __sk_buff *skb) {
    int idx = (int)skb->mark;
    __u32 key = 0;
    struct weights *wt = bpf_map_lookup_elem(&weights, &key);
    if (!wt)
        return 0;
    if (idx >= 8)
        return 0;
    return wt->w[idx];
}

char LICENSE[] SEC("license") = "GPL";
