// case: two paths bump a counter in different maps, a 24-byte value (at offset 0) and a 2048-byte one (at one of several offsets a switch picks, up to 320), and clang merges the two increments into one `lock *(u64 *)(r0 + 0) += r1` (Tetragon's execve_send): the kernel walks each path with its own map and accepts; a join of the two map pointers would check the larger offsets against the smaller value
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct small { __u64 count; __u64 pad[2]; };
struct large { __u64 slots[256]; };
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct small);
} small_map SEC(".maps");
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct large);
} large_map SEC(".maps");
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
SEC("xdp")
int count_both(struct xdp_md *ctx)
{
    __u32 zero = 0;
    __u64 *counter;
    __u32 kind = ctx->rx_queue_index;

    if (kind & 0x100) {
        struct small *s = bpf_map_lookup_elem(&small_map, &zero);
        if (!s)
            return XDP_PASS;
        counter = &s->count;
    } else {
        struct large *l = bpf_map_lookup_elem(&large_map, &zero);
        if (!l)
            return XDP_PASS;
        switch (kind & 3) {
        case 0: counter = &l->slots[35]; break;
        case 1: counter = &l->slots[39]; break;
        case 2: counter = &l->slots[40]; break;
        default: counter = &l->slots[41]; break;
        }
    }
    __sync_fetch_and_add(counter, 1);
    return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
