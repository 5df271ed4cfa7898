// case: a stack variable is assigned on both branches of an if/else before its address is passed to a helper
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;
static __u64 (*bpf_ktime_get_ns)(void) = (void *)5;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u64);
} last_seen SEC(".maps");

SEC("tc")
int tc_last_seen(struct __sk_buff *skb)
{
    __u32 ifindex = skb->ifindex;
    __u64 ts;

    if (skb->mark & 1)
        ts = bpf_ktime_get_ns();
    else
        ts = 0;
    bpf_map_update_elem(&last_seen, &ifindex, &ts, BPF_ANY);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
