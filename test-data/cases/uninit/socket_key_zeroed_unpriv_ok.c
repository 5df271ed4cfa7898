// case: unprivileged socket filter with a fully initialised key struct (= {} then fields): no uninitialised stack read
// args: --unprivileged
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct proto_key {
    __u16 protocol;
    __u8 pkt_type;
    __u8 pad;
    __u32 ifindex;
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 256);
    __type(key, struct proto_key);
    __type(value, __u32);
} allowed SEC(".maps");

SEC("socket")
int sock_filter_allowed(struct __sk_buff *skb)
{
    struct proto_key key = {};

    key.protocol = skb->protocol;
    key.pkt_type = skb->pkt_type;
    key.ifindex = skb->ifindex;
    __u32 *snap = bpf_map_lookup_elem(&allowed, &key);
    return snap ? *snap : 0;
}

char LICENSE[] SEC("license") = "GPL";
