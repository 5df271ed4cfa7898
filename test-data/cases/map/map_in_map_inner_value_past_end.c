// case: a BTF map-in-map: the inner map's value is 8 bytes, and a read at offset 8 of it lies past its end
// kernel: reject
// expect: map.bounds @ line 38
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct inner {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u64);
} inner_a SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
    __uint(max_entries, 2);
    __type(key, __u32);
    __array(values, struct inner);
} outer SEC(".maps") = {
    .values = {[0] = &inner_a},
};

SEC("xdp")
int inner_lookup(struct xdp_md *ctx) {
    __u32 key = 0;
    void *inner_map = bpf_map_lookup_elem(&outer, &key);
    if (!inner_map)
        return XDP_PASS;
    __u64 *value = bpf_map_lookup_elem(inner_map, &key);
    if (!value)
        return XDP_PASS;
    return value[1] == 7 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
