// case: a loop over 64 entries of 24 bytes in a map value (perf's sample_filter: `for (i = 0; i < 64; i++) ... entry[i]`), which clang compiles as an offset stepped by 24 and an exit test `off == 1536`. Too long to walk in the partitions, the loop is widened, and neither the interval nor the known bits recover `off <= 1512` from `off != 1536`; the offset's only write is that step, tested in the same block, and 1536 is a whole number of steps from 0, so at every block of the loop it is one of 0, 24, ..., 1512 (termination/loop_walk.hpp's CounterRange). The kernel walks the 64 iterations.
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct entry {
    __u32 op;
    __u32 part;
    __u64 value;
    __u64 mask;
};

struct filters {
    struct entry entries[64];
};

struct {
    int (*type)[BPF_MAP_TYPE_ARRAY];
    int (*max_entries)[1];
    __u32 *key;
    struct filters *value;
} filter_map SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static __u64 (*bpf_ktime_get_ns)(void) = (void *)5;

SEC("xdp")
int match_filters(struct xdp_md *ctx)
{
    __u32 key = 0;
    struct filters *f = bpf_map_lookup_elem(&filter_map, &key);
    __u64 sample = bpf_ktime_get_ns();

    if (!f)
        return XDP_PASS;
#pragma nounroll
    for (int i = 0; i < 64; i++) {
        struct entry *e = &f->entries[i];

        switch (e->op) {
        case 0:
            return XDP_PASS;
        case 1:
            if ((sample & e->mask) != e->value)
                return XDP_DROP;
            break;
        case 2:
            if (sample < e->value)
                return XDP_DROP;
            break;
        default:
            if (e->part > 3)
                return XDP_ABORTED;
            break;
        }
    }
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
