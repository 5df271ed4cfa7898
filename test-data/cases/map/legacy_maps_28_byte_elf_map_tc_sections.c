// case: Cilium 2020's layout: a legacy `maps` section of 28-byte struct bpf_elf_map definitions (Cilium's own, without inner_id and inner_idx) and programs in sections named after their hook and tail-call slot ("from-container", "2/7"), which only iproute2's tc loads: they are classifiers, no --type needed
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_tail_call)(void *ctx, void *map, __u32 index) = (void *)12;
struct bpf_elf_map {
    __u32 type;
    __u32 size_key;
    __u32 size_value;
    __u32 max_elem;
    __u32 flags;
    __u32 id;
    __u32 pinning;
};
struct bpf_elf_map SEC("maps") metrics = {
    .type = BPF_MAP_TYPE_PERCPU_HASH,
    .size_key = sizeof(__u32),
    .size_value = sizeof(__u64),
    .max_elem = 64,
};
struct bpf_elf_map SEC("maps") calls = {
    .type = BPF_MAP_TYPE_PROG_ARRAY,
    .size_key = sizeof(__u32),
    .size_value = sizeof(__u32),
    .max_elem = 8,
};

SEC("2/7")
int tail_count(struct __sk_buff *skb)
{
    __u32 key = skb->mark & 63;
    __u64 *count = bpf_map_lookup_elem(&metrics, &key);
    if (count)
        *count += 1;
    return 0;
}

SEC("from-container")
int handle_xgress(struct __sk_buff *skb)
{
    bpf_tail_call(skb, &calls, 7);
    return 2;
}

char _license[] SEC("license") = "GPL";
