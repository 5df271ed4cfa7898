// case: a load of the bpf_spin_lock member of a map value: the kernel lets only bpf_spin_lock/unlock touch it ("bpf_spin_lock cannot be accessed directly by load/store")
// kernel: reject
// expect: map.special_field @ line 30
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct val {
    int cnt;
    struct bpf_spin_lock lock;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, int);
    __type(value, struct val);
} locks SEC(".maps");

SEC("tc")
int peek(struct __sk_buff *skb) {
    int key = 0;
    struct val *v = bpf_map_lookup_elem(&locks, &key);
    if (!v)
        return 0;
    return *(volatile __u32 *)&v->lock;
}

char LICENSE[] SEC("license") = "GPL";
