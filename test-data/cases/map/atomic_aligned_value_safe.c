// case: atomic adds on 4- and 8-byte fields at offsets 4 and 8 of a map value are aligned
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct val { __u32 pad; __u32 packets; __u64 bytes; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct val); } counts SEC(".maps");
SEC("tc")
int count(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct val *v = bpf_map_lookup_elem(&counts, &zero);
    if (!v)
        return 0;
    __sync_fetch_and_add(&v->packets, 1);
    __sync_fetch_and_add(&v->bytes, skb->len);
    return 0;
}
char _license[] SEC("license") = "GPL";
