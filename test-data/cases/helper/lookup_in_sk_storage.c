// case: a socket-local storage map takes only bpf_sk_storage_get/delete: bpf_map_lookup_elem on it is refused ("cannot pass map_type 24 into func bpf_map_lookup_elem")
// kernel: reject
// expect: helper.map_type @ line 22
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_SK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, __u64);
} store SEC(".maps");

SEC("tc")
int lookup(struct __sk_buff *skb) {
    int key = 0;
    __u64 *v = bpf_map_lookup_elem(&store, &key);
    return v ? 1 : 0;
}

char LICENSE[] SEC("license") = "GPL";
