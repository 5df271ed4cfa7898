// case: an ingress cgroup_skb program returns a map value normalised to 0 or 1
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 256);
    __type(key, __u32);
    __type(value, __u32);
} verdict_of_mark SEC(".maps");

SEC("cgroup_skb/ingress")
int ingress_policy(struct __sk_buff *skb) {
    __u32 mark = skb->mark;
    __u32 *verdict = bpf_map_lookup_elem(&verdict_of_mark, &mark);
    if (!verdict)
        return 1;
    return *verdict != 0;
}

char LICENSE[] SEC("license") = "GPL";
