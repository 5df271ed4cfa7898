// case: a counter pointer is the map value when the lookup succeeds and a stack scratch slot otherwise; both are writable
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u32);
    __type(value, __u64);
} seen SEC(".maps");

SEC("tc")
int tc_seen(struct __sk_buff *skb) {
    __u32 mark = skb->mark;
    __u64 scratch = 0;
    __u64 *counter = bpf_map_lookup_elem(&seen, &mark);
    if (!counter)
        counter = &scratch;
    *counter += 1;
    return *counter > 100 ? 2 : 0;
}

char LICENSE[] SEC("license") = "GPL";
