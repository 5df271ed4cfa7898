// case: a lookup in a sockmap returns a socket holding a reference (is_acquire_function): it must be released with bpf_sk_release ("Unreleased reference")
// kernel: reject
// expect: ref.leak @ line 22
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_SOCKMAP);
    __uint(max_entries, 4);
    __uint(key_size, 4);
    __uint(value_size, 4);
} socks SEC(".maps");

SEC("sk_skb")
int lookup(struct __sk_buff *skb) {
    __u32 key = 0;
    struct bpf_sock *sk = bpf_map_lookup_elem(&socks, &key);
    return sk ? sk->type : 0;
}

char LICENSE[] SEC("license") = "GPL";
