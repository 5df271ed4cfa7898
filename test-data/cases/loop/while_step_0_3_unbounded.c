// case: the same walk over a 64-byte map value as while_step_1_4_map_buffer_safe.c, but the index advances by 0 to 3 (the byte's low bits): a byte whose low bits are 0 keeps it in place for ever, so the loop need not terminate (the kernel walks it until its 1M-instruction budget runs out)
// kernel: reject
// expect: loop.unbounded @ line 33
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
int step_0_3(struct xdp_md *ctx) {
    __u32 key = 0;
    struct buffer *b = bpf_map_lookup_elem(&table, &key);
    if (!b)
        return XDP_PASS;
    __u64 i = 0;
    __u32 sum = 0;
    while (i < 64) {
        __u64 at = i;
        asm volatile("%0 &= 63" : "+r"(at)); /* clang would drop a C mask: i < 64 here */
        __u8 v = b->bytes[at];
        sum += v;
        i += v & 3;
    }
    checksum = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
