// case: a bpf_loop callback advances a counter kept in the caller's stack by one per call; a read indexed by it, guarded only by `n >= 20`, leaves the 24-byte map value once n reaches 24, which only later invocations do (the callback's state must be iterated to a fixpoint, not a fixed number of rounds)
// kernel: reject
// expect: map.bounds @ line 32
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_loop)(__u32 nr, void *callback, void *ctx, __u64 flags) = (void *)181;

struct record {
    __u8 bytes[24];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct record);
} records SEC(".maps");

struct walk {
    __u32 n;
    __u32 sum;
    struct record *rec;
};

static long step(__u32 index, struct walk *w) {
    if (w->n >= 20 && w->n < 64)
        w->sum += w->rec->bytes[w->n];
    w->n += 1;
    return 0;
}

SEC("xdp")
int walk_record(struct xdp_md *ctx) {
    __u32 key = 0;
    struct record *rec = bpf_map_lookup_elem(&records, &key);
    if (!rec)
        return XDP_PASS;
    struct walk w = {.n = 0, .sum = 0, .rec = rec};
    // Constants the thresholds of widening take their steps from.
    __u32 q = ctx->rx_queue_index;
    if (q == 3) return XDP_ABORTED;
    if (q == 5) return XDP_ABORTED;
    if (q == 7) return XDP_ABORTED;
    if (q == 10) return XDP_ABORTED;
    if (q == 12) return XDP_ABORTED;
    if (q == 18) return XDP_ABORTED;
    if (q == 23) return XDP_ABORTED;
    if (q == 26) return XDP_ABORTED;
    if (q == 28) return XDP_ABORTED;
    bpf_loop(30, step, &w, 0);
    return w.sum & 1 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
