// case: an ARRAY lookup with a key from the packet metadata may miss; the result is used without a NULL check
// kernel: reject
// expect: null.deref @ line 24
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u32);
} queue_of_cpu SEC(".maps");

SEC("xdp")
int xdp_queue(struct xdp_md *ctx) {
    __u32 queue = ctx->rx_queue_index;
    __u32 *target = bpf_map_lookup_elem(&queue_of_cpu, &queue);
    /* rx_queue_index can exceed 63 on a NIC with many queues */
    return *target ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
