// case: a sock_ops program looks up a map with a key in the packet it sees through skb_data; sock_ops reads its packet directly but passes it to no helper, not even to those whose protos take packet pointers elsewhere (may_access_direct_pkt_data)
// kernel: reject
// expect: helper.arg_type @ line 26
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u64);
} by_word SEC(".maps");

SEC("sockops")
int count_words(struct bpf_sock_ops *ops)
{
    void *data = (void *)(long)ops->skb_data;
    void *data_end = (void *)(long)ops->skb_data_end;

    if (data + 4 > data_end)
        return 1;
    __u64 *count = bpf_map_lookup_elem(&by_word, data);
    if (count)
        *count += 1;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
