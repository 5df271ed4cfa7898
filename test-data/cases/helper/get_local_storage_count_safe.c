// case: bpf_get_local_storage(&cgroup_storage, 0) never returns NULL: a cgroup_skb program counts packets in it
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_get_local_storage)(void *map, __u64 flags) = (void *)81;

struct {
    __uint(type, BPF_MAP_TYPE_CGROUP_STORAGE);
    __type(key, struct bpf_cgroup_storage_key);
    __type(value, __u64);
} storage SEC(".maps");

SEC("cgroup_skb/egress")
int count(struct __sk_buff *skb) {
    __u64 *packets = bpf_get_local_storage(&storage, 0);
    __sync_fetch_and_add(packets, 1);
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
