// case: the same legacy object with every function of .text called: the whole section its loaders append is reachable, and the kernel loads it
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct bpf_map_def {
    __u32 type;
    __u32 key_size;
    __u32 value_size;
    __u32 max_entries;
    __u32 map_flags;
};
struct bpf_map_def SEC("maps") counters = {
    .type = BPF_MAP_TYPE_ARRAY,
    .key_size = sizeof(__u32),
    .value_size = sizeof(__u64),
    .max_entries = 4,
};

static __attribute__((noinline)) int count(__u32 slot) {
    __u64 *value = bpf_map_lookup_elem(&counters, &slot);
    if (!value)
        return 0;
    *value += 1;
    return 1;
}

int also_called(__u32 slot);

SEC("xdp")
int count_packets(struct xdp_md *ctx) {
    return count(ctx->ingress_ifindex & 3) + also_called(1) ? XDP_PASS : XDP_DROP;
}

// Global, and called: reachable.
__attribute__((noinline)) int also_called(__u32 slot) {
    __u64 *value = bpf_map_lookup_elem(&counters, &slot);
    return value ? 1 : 0;
}

char LICENSE[] SEC("license") = "GPL";
