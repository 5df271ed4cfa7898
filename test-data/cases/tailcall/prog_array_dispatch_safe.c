// case: an XDP dispatcher tail-calls the handler of the packet's receive queue through a BPF_MAP_TYPE_PROG_ARRAY, passing when the slot is empty
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_tail_call)(void *ctx, void *prog_array_map, __u32 index) = (void *)12;

struct {
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __uint(max_entries, 8);
    __type(key, __u32);
    __type(value, __u32);
} handlers SEC(".maps");

SEC("xdp")
int xdp_dispatch(struct xdp_md *ctx) {
    __u32 queue = ctx->rx_queue_index & 7;
    bpf_tail_call(ctx, &handlers, queue);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
