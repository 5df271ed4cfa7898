// case: an array created with BPF_F_WRONLY_PROG is write-only for programs: the store is allowed, the load is refused ("read from map forbidden")
// kernel: reject
// expect: map.write_only @ line 27
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __uint(map_flags, BPF_F_WRONLY_PROG);
    __type(key, int);
    __type(value, __u64);
} out SEC(".maps");

SEC("tc")
int report(struct __sk_buff *skb) {
    int key = 0;
    volatile __u64 *v = bpf_map_lookup_elem(&out, &key);
    if (!v)
        return 0;
    *v = skb->len;
    return *v != 0;
}

char LICENSE[] SEC("license") = "GPL";
