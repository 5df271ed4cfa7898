// case: a hash value of 8 bytes is accessed through a larger struct type, writing past value_size
// kernel: reject
// expect: map.bounds @ line 36
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static __u64 (*bpf_ktime_get_ns)(void) = (void *)5;

struct flow_v1 {
    __u64 packets;
};

struct flow_v2 {
    __u64 packets;
    __u64 last_seen;
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 4096);
    __type(key, __u32);
    __type(value, struct flow_v1);
} flows SEC(".maps");

SEC("tc")
int tc_flow(struct __sk_buff *skb) {
    __u32 hash = skb->hash;
    struct flow_v2 *f = bpf_map_lookup_elem(&flows, &hash);
    if (!f)
        return 0;
    f->packets++;
    f->last_seen = bpf_ktime_get_ns();
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
