// case: a loop follows `next` indices through a map value until it reads 0: nothing counts, so nothing bounds it
// kernel: reject
// expect: loop.unbounded @ line 33
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct chain {
    __u32 next[64];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct chain);
} chains SEC(".maps");

__u32 last;
__u64 hops;

SEC("xdp")
int follow(struct xdp_md *ctx) {
    __u32 key = 0;
    struct chain *c = bpf_map_lookup_elem(&chains, &key);
    if (!c)
        return XDP_PASS;
    __u32 at = c->next[0] & 63;
    while (at != 0) {
        at = c->next[at] & 63;
        hops++;
    }
    last = at;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
