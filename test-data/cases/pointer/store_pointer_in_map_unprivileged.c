// case: without CAP_PERFMON, saving the address of a map value into another map leaks a kernel address
// args: --unprivileged
// kernel: reject
// expect: pointer.leak @ line 35
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 16);
    __type(key, __u32);
    __type(value, __u64);
} slots SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u64);
} last_slot SEC(".maps");

SEC("tc")
int tc_remember(struct __sk_buff *skb) {
    __u32 idx = skb->queue_mapping & 15, zero = 0;
    __u64 *slot = bpf_map_lookup_elem(&slots, &idx);
    __u64 *last = bpf_map_lookup_elem(&last_slot, &zero);
    if (!slot || !last)
        return 0;
    /* remember which slot was used last, by address */
    *last = (__u64)slot;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
