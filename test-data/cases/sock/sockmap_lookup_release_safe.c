// case: a lookup in a sockmap returns a struct bpf_sock (not map value memory): its type field, past the map's 4-byte value, is read, then the socket is released
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_sk_release)(void *sock) = (void *)86;

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
    if (!sk)
        return 0;
    int type = sk->type;
    bpf_sk_release(sk);
    return type;
}

char LICENSE[] SEC("license") = "GPL";
