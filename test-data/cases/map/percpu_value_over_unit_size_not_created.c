// case: a per-CPU array whose value (32,776 bytes) is over PCPU_MIN_UNIT_SIZE (32 KiB): array_map_alloc_check refuses it (E2BIG) before any program is verified, so libbpf loads no program of the object, not even one that never touches the map (reported at its first instruction)
// kernel: load-error
// expect: map.create @ line 23
// expect: map.create @ line 29
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct scratch {
    unsigned char bytes[32776];
};
struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct scratch);
} heap SEC(".maps");
SEC("socket")
int use_heap(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct scratch *s = bpf_map_lookup_elem(&heap, &zero);
    return s ? s->bytes[0] : 0;
}
SEC("socket")
int no_heap(struct __sk_buff *skb)
{
    return skb->len;
}
char _license[] SEC("license") = "GPL";
