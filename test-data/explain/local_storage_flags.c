// case: bpf_get_local_storage is called with flags 1: the kernel requires 0
// kernel: reject
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_get_local_storage)(void *map, __u64 flags) = (void *)81;
struct { __uint(type, BPF_MAP_TYPE_CGROUP_STORAGE); __type(key, struct bpf_cgroup_storage_key); __type(value, __u64); } bytes SEC(".maps");
SEC("cgroup_skb/egress")
int account(struct __sk_buff *skb)
{
    __u64 *total = bpf_get_local_storage(&bytes, 1);
    __sync_fetch_and_add(total, skb->len);
    return 1;
}
char _license[] SEC("license") = "GPL";
