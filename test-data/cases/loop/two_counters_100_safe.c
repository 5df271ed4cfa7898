// case: two counters step together over 100 iterations (more than the partitions keep apart); the loop tests one and indexes a 128-byte map value with the other, which an empty asm hides from clang so it cannot fold them into one
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct buf {
    __u8 b[128];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct buf);
} bufs SEC(".maps");

SEC("xdp")
int two_counters(struct xdp_md *ctx) {
    __u32 key = 0;
    struct buf *v = bpf_map_lookup_elem(&bufs, &key);
    if (!v)
        return XDP_PASS;
    __u64 j = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 100; i++) {
        v->b[j] = i;
        j++;
        asm volatile("" : "+r"(j));
    }
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
