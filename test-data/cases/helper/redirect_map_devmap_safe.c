// case: bpf_redirect_map forwards through a BPF_MAP_TYPE_DEVMAP indexed by the receive queue, falling back to XDP_PASS
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_redirect_map)(void *map, __u64 key, __u64 flags) = (void *)51;

struct {
    __uint(type, BPF_MAP_TYPE_DEVMAP);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u32);
} ports SEC(".maps");

SEC("xdp")
int xdp_forward(struct xdp_md *ctx) {
    return bpf_redirect_map(&ports, ctx->rx_queue_index & 63, XDP_PASS);
}

char LICENSE[] SEC("license") = "GPL";
