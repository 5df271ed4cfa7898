// case: a tc program looks a socket up and stores it in a sockmap (`bpf_map_update_elem(&socks, &key, sk, BPF_ANY)`): for sockmap and sockhash the value argument is a socket (resolve_map_arg_type: ARG_PTR_TO_BTF_ID_SOCK_COMMON), not memory of value_size bytes
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

struct {
    int (*type)[BPF_MAP_TYPE_SOCKMAP];
    int (*max_entries)[1];
    __u32 *key;
    __u64 *value;
} socks SEC(".maps");

static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;
static struct bpf_sock *(*bpf_sk_lookup_tcp)(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size,
                                             __u64 netns, __u64 flags) = (void *)84;
static long (*bpf_sk_release)(void *sk) = (void *)86;

SEC("tc")
int store_socket(struct __sk_buff *skb)
{
    struct bpf_sock_tuple tuple = {};
    __u32 key = 0;
    struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), -1, 0);

    if (!sk)
        return TC_ACT_OK;
    bpf_map_update_elem(&socks, &key, sk, BPF_ANY);
    bpf_sk_release(sk);
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
