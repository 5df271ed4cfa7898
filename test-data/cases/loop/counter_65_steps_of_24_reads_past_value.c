// case: the loop of counter_64_steps_of_24_equal_exit_safe with one iteration too many (`i <= 64`): the exit test is `off == 1560`, so the offset's range at the loop's blocks reaches 1536, the 65th entry, which is past the map value; the kernel walks to it and refuses the read
// kernel: reject
// expect: map.bounds @ line 45
// expect: map.bounds @ line 49
// expect: map.bounds @ line 53
// expect: map.bounds @ line 57
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
int match_filters_past_end(struct xdp_md *ctx)
{
    __u32 key = 0;
    struct filters *f = bpf_map_lookup_elem(&filter_map, &key);
    __u64 sample = bpf_ktime_get_ns();

    if (!f)
        return XDP_PASS;
#pragma nounroll
    for (int i = 0; i <= 64; i++) {
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
