// case: bpf_get_local_storage takes only cgroup storage maps (check_map_func_compatibility: "cannot pass map_type 1 into func bpf_get_local_storage")
// kernel: reject
// expect: helper.map_type @ line 21
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_get_local_storage)(void *map, __u64 flags) = (void *)81;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u64);
} counts SEC(".maps");

SEC("cgroup_skb/egress")
int count(struct __sk_buff *skb) {
    __u64 *packets = bpf_get_local_storage(&counts, 0);
    return packets != 0;
}

char LICENSE[] SEC("license") = "GPL";
