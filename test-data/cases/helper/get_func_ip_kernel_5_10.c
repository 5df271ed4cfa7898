// case: the same bpf_get_func_ip call checked against a 5.10 target kernel: the helper first appeared in Linux 5.15
// args: --kernel 5.10
// kernel: accept
// kernel-differs: the target is Linux 5.10 (--kernel 5.10), which has no bpf_get_func_ip (helper 173, added in 5.15); the running kernel is newer and accepts the call
// expect: helper.unavailable @ line 25
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;
static __u64 (*bpf_get_func_ip)(void *ctx) = (void *)173;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u64);
    __type(value, __u64);
} hits SEC(".maps");

SEC("kprobe/vfs_read")
int count_ip(void *ctx) {
    __u64 ip = bpf_get_func_ip(ctx);
    __u64 one = 1;
    __u64 *n = bpf_map_lookup_elem(&hits, &ip);
    if (n)
        __sync_fetch_and_add(n, 1);
    else
        bpf_map_update_elem(&hits, &ip, &one, BPF_NOEXIST);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
