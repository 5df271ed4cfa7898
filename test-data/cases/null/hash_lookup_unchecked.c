// case: the result of a hash map lookup is dereferenced without a NULL check
// kernel: reject
// expect: null.deref @ line 25
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u32);
    __type(value, __u64);
} bytes_by_ifindex SEC(".maps");

SEC("xdp")
int xdp_account(struct xdp_md *ctx) {
    __u32 ifindex = ctx->ingress_ifindex;
    __u64 *bytes = bpf_map_lookup_elem(&bytes_by_ifindex, &ifindex);
    /* the entry is created by user space for every interface... but the
     * verifier cannot know that */
    *bytes += ctx->data_end - ctx->data;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
