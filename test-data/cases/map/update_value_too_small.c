// case: bpf_map_update_elem reads value_size (16) bytes but the value buffer on the stack is a 4-byte variable
// kernel: reject
// expect: stack.out_of_bounds @ line 29
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;

struct conn {
    __u64 bytes;
    __u64 packets;
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u32);
    __type(value, struct conn);
} conns SEC(".maps");

SEC("tc")
int tc_track(struct __sk_buff *skb) {
    __u32 key = skb->hash;
    __u32 bytes = skb->len;
    /* passes a __u32 where the map expects a struct conn */
    bpf_map_update_elem(&conns, &key, &bytes, BPF_ANY);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
