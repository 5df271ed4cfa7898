// case: a proprietary-licensed XDP program uses only helpers that are not GPL-only (map lookup, ktime, prandom, redirect)
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static __u64 (*bpf_ktime_get_ns)(void) = (void *)5;
static __u32 (*bpf_get_prandom_u32)(void) = (void *)7;
static long (*bpf_redirect)(__u32 ifindex, __u64 flags) = (void *)23;

struct port_stats {
    __u64 packets;
    __u64 last_seen;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, struct port_stats);
} stats SEC(".maps");

SEC("xdp")
int xdp_sample(struct xdp_md *ctx) {
    __u32 key = ctx->ingress_ifindex & 63;
    struct port_stats *s = bpf_map_lookup_elem(&stats, &key);
    if (!s)
        return XDP_PASS;
    s->packets++;
    s->last_seen = bpf_ktime_get_ns();
    if ((bpf_get_prandom_u32() & 1023) == 0)
        return bpf_redirect(2, 0);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "Proprietary";
