// case: an atomic add on a 4-byte field at offset 3 of a map value: atomic operations must be aligned to their size, whatever alignment the loader asked for
// kernel: reject
// expect: mem.misaligned @ line 18
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct val { char bytes[16]; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct val); } counts SEC(".maps");
SEC("tc")
int count(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct val *v = bpf_map_lookup_elem(&counts, &zero);
    if (!v)
        return 0;
    __sync_fetch_and_add((__u32 *)(v->bytes + 3), 1);
    return 0;
}
char _license[] SEC("license") = "GPL";
