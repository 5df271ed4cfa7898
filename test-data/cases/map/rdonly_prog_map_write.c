// case: an array created with BPF_F_RDONLY_PROG is read-only for programs: a store into its value is refused ("write into map forbidden")
// kernel: reject
// expect: map.read_only @ line 25
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __uint(map_flags, BPF_F_RDONLY_PROG);
    __type(key, int);
    __type(value, __u64);
} config SEC(".maps");

SEC("tc")
int bump(struct __sk_buff *skb) {
    int key = 0;
    __u64 *v = bpf_map_lookup_elem(&config, &key);
    if (v)
        *v = 1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
