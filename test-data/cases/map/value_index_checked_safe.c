// case: a map value array indexed by a packet field after an explicit `idx < 16` check
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct stats {
    __u64 by_proto[16];
};

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct stats);
} proto_stats SEC(".maps");

SEC("tc")
int tc_proto(struct __sk_buff *skb) {
    __u32 idx = skb->protocol >> 8;
    __u32 key = 0;
    struct stats *s = bpf_map_lookup_elem(&proto_stats, &key);
    if (!s)
        return 0;
    if (idx < 16)
        s->by_proto[idx] += 1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
