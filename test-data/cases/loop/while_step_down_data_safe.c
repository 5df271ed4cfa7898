// case: a signed 64-bit counter counts down from 64 by 1 to 4 (the low bits of the byte it reads, plus 1) while it is positive, reading the byte before it: a decreasing counter with a data-dependent step, bounded below by the exit test
// kernel: accept
// expect: pass
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
int step_down(struct xdp_md *ctx) {
    __u32 key = 0;
    struct buffer *b = bpf_map_lookup_elem(&table, &key);
    if (!b)
        return XDP_PASS;
    long n = 64;
    __u32 sum = 0;
    while (n > 0) {
        __u8 v = b->bytes[n - 1];
        sum += v;
        n -= (v & 3) + 1;
    }
    checksum = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
