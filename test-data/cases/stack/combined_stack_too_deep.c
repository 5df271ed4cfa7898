// case: each function stays under 512 bytes of stack, but the XDP program (320 bytes) calls a function that uses another 320: the call chain needs 640 bytes
// expect: call.stack_depth @ line 40
// kernel: reject
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct flow_key {
    __u32 words[80];
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 128);
    __type(key, struct flow_key);
    __type(value, __u32);
} flows SEC(".maps");

static __attribute__((noinline)) int lookup_queue(__u32 queue)
{
    struct flow_key key = {};

    key.words[0] = queue;
    return bpf_map_lookup_elem(&flows, &key) != 0;
}

SEC("xdp")
int xdp_two_keys(struct xdp_md *ctx)
{
    struct flow_key key = {};

    key.words[0] = ctx->ingress_ifindex;
    if (bpf_map_lookup_elem(&flows, &key))
        return XDP_DROP;
    return lookup_queue(ctx->rx_queue_index) ? XDP_DROP : XDP_PASS; // <-- 320 + 320 bytes of stack in one call chain
}

char LICENSE[] SEC("license") = "GPL";
