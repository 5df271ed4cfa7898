// case: a map value pointer is passed where the global function's prototype declares the program context
// kernel: reject
// expect: call.global_arg @ line 33
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u32[4]);
} weights SEC(".maps");

__attribute__((noinline)) int weight_of(struct __sk_buff *skb, __u32 index)
{
    return skb->len > index;
}

SEC("tc")
int tc_weight(struct __sk_buff *skb)
{
    __u32 zero = 0;
    __u32 *table = bpf_map_lookup_elem(&weights, &zero);

    if (!table)
        return 0;
    return weight_of((struct __sk_buff *)table, 2) & 1;
}

char _license[] SEC("license") = "GPL";
