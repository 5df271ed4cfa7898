// case: a sock_ops program updates a sockmap with bpf_map_update_elem: may_update_sockmap lets sock_ops programs only delete through it (updates go through bpf_sock_map_update, which checks the event)
// expect: helper.map_type @ line 24
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct {
    int (*type)[BPF_MAP_TYPE_SOCKMAP];
    int (*max_entries)[1];
    __u32 *key;
    __u64 *value;
} socks SEC(".maps");

static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;

SEC("sockops")
int sockops_update(struct bpf_sock_ops *skops)
{
    __u32 key = 0;
    struct bpf_sock *sk = skops->sk;

    if (sk)
        bpf_map_update_elem(&socks, &key, sk, BPF_ANY); // <-- not from sock_ops
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
