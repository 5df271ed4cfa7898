// case: a bounded loop calls a static function for each of 16 slots, passing the index and a map value pointer
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct buckets {
    __u64 count[16];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct buckets);
} table SEC(".maps");

static __attribute__((noinline)) __u64 decay(struct buckets *b, __u32 i) {
    if (i >= 16)
        return 0;
    b->count[i] >>= 1;
    return b->count[i];
}

SEC("tc")
int tc_decay(struct __sk_buff *skb) {
    __u32 key = 0;
    struct buckets *b = bpf_map_lookup_elem(&table, &key);
    if (!b)
        return 0;
    __u64 left = 0;
    for (__u32 i = 0; i < 16; i++)
        left += decay(b, i);
    return left > 1000 ? 2 : 0;
}

char LICENSE[] SEC("license") = "GPL";
