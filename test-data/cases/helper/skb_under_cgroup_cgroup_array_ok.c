// case: a tc classifier asks whether the packet's socket is under the cgroup a BPF_MAP_TYPE_CGROUP_ARRAY holds (samples/bpf's test_cgrp2_tc): bpf_skb_under_cgroup takes exactly that map type (check_map_func_compatibility), and the kernel accepts
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
static long (*bpf_skb_under_cgroup)(struct __sk_buff *skb, void *map, __u32 index) = (void *)33;
struct {
    __uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
    __uint(key_size, sizeof(__u32));
    __uint(value_size, sizeof(__u32));
    __uint(max_entries, 1);
} cgroups SEC(".maps");
SEC("tc")
int drop_outside_cgroup(struct __sk_buff *skb)
{
    return bpf_skb_under_cgroup(skb, &cgroups, 0) == 1 ? TC_ACT_OK : TC_ACT_SHOT;
}
char _license[] SEC("license") = "GPL";
