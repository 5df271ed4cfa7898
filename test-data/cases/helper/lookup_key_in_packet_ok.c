// case: a tc program looks up a map with a key that points into the packet (the IPv4 source address) and diffs a checksum over packet bytes: bpf_map_lookup_elem and bpf_csum_diff have pkt_access in their protos, so the kernel takes packet pointers there
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_csum_diff)(__be32 *from, __u32 from_size, __be32 *to, __u32 to_size, __wsum seed) = (void *)28;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u64);
} by_source SEC(".maps");

SEC("tc")
int count_source(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;

    if (data + 34 > data_end)
        return 0;
    __u64 *count = bpf_map_lookup_elem(&by_source, data + 26);
    if (count)
        *count += 1;
    return bpf_csum_diff(0, 0, data + 26, 8, 0) & 1;
}

char LICENSE[] SEC("license") = "GPL";
