// case: an object of legacy loaders (a `maps` section: iproute2, libbpf before 0.2) whose program calls one function of .text: those loaders append the whole of .text, so the function nothing calls is unreachable code, which the kernel refuses (check_cfg: "unreachable insn"); libbpf 1.x would append only the called one, but it refuses the `maps` section
// kernel: reject
// expect: cfg.unreachable @ line 35
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

SEC("xdp")
int count_packets(struct xdp_md *ctx) {
    return count(ctx->ingress_ifindex & 3) ? XDP_PASS : XDP_DROP;
}

// Global, so the compiler keeps it in .text although nothing calls it.
__attribute__((noinline)) int never_called(__u32 slot) {
    __u64 *value = bpf_map_lookup_elem(&counters, &slot);
    return value ? 1 : 0;
}

char LICENSE[] SEC("license") = "GPL";
