// case: a program reads the bpf_spin_lock field of a map value with a plain load
// kernel: reject
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct val { struct bpf_spin_lock lock; __u64 hits; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct val); } counts SEC(".maps");
SEC("tc")
int peek_lock(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct val *v = bpf_map_lookup_elem(&counts, &zero);
    if (!v)
        return 0;
    return *(volatile __u32 *)&v->lock;
}
char _license[] SEC("license") = "GPL";
