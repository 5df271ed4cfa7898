// case: before Linux 6.14 an array map lookup with a constant in-bounds key (spilled to an 8-byte aligned slot) may still return NULL to the verifier (6.14 drops the NULL), so the value must be checked before it is used
// args: --kernel 6.12
// kernel: accept
// kernel-differs: the target is Linux 6.12, which keeps PTR_MAYBE_NULL on every map lookup; the running kernel (6.14 or later) knows this lookup cannot fail
// expect: null.deref @ line 25
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u64);
} counters SEC(".maps");

SEC("xdp")
int count(struct xdp_md *ctx) {
    __u32 key __attribute__((aligned(8))) = 1;
    __u64 *value = bpf_map_lookup_elem(&counters, &key);
    *value += 1;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
