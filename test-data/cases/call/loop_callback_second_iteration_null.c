// case: a bpf_loop callback reads through a pointer its context holds and then clears it: the first iteration is fine, the second dereferences NULL
// kernel: reject
// expect: null.deref @ line 28
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u64);
} totals SEC(".maps");

struct walk {
    __u64 *total;
    __u64 sum;
};

static int add_once(__u32 index, struct walk *walk)
{
    walk->sum += *walk->total;
    walk->total = 0;
    return 0;
}

SEC("tc")
int tc_walk(struct __sk_buff *skb)
{
    __u32 zero = 0;
    __u64 *total = bpf_map_lookup_elem(&totals, &zero);
    struct walk walk = {};

    if (!total)
        return 0;
    walk.total = total;
    bpf_loop(4, add_once, &walk, 0);
    return walk.sum & 1;
}

char _license[] SEC("license") = "GPL";
