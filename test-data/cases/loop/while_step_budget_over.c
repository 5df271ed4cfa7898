// case: a `while` loop whose index advances by 1 to 4 (the low bits of the byte it reads, plus 1) until it reaches 200,000: the kernel's walk takes as many iterations as the smallest step allows (200,000 / 1), about 2,200,000 instructions
// kernel: reject
// expect: loop.kernel_budget @ line 34
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct buffer {
    __u8 bytes[64];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct buffer);
} table SEC(".maps");

__u32 checksum;

SEC("xdp")
int step_budget(struct xdp_md *ctx) {
    __u32 key = 0;
    struct buffer *b = bpf_map_lookup_elem(&table, &key);
    if (!b)
        return XDP_PASS;
    __u64 i = 0;
    __u32 sum = 0;
    while (i < 200000) {
        __u8 v = b->bytes[i & 63];
        sum += v;
        i += (v & 3) + 1;
    }
    checksum = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
