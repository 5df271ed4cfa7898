// case: the pointer comes from a lookup in one of two maps depending on direction, checked once after the join
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct counters {
    __u64 packets;
    __u64 bytes;
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 256);
    __type(key, __u32);
    __type(value, struct counters);
} ingress SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 256);
    __type(key, __u32);
    __type(value, struct counters);
} egress SEC(".maps");

SEC("tc")
int tc_count(struct __sk_buff *skb) {
    __u32 ifindex = skb->ifindex;
    struct counters *c;
    if (skb->ingress_ifindex)
        c = bpf_map_lookup_elem(&ingress, &ifindex);
    else
        c = bpf_map_lookup_elem(&egress, &ifindex);
    if (!c)
        return 0;
    c->packets++;
    c->bytes += skb->len;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
