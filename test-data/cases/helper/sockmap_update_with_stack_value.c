// case: a tc program passes a stack buffer as the value of a sockmap update: a sockmap's value argument must be a socket pointer, the kernel refuses memory there
// expect: helper.arg_type @ line 24
// kernel: reject
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

SEC("tc")
int store_number(struct __sk_buff *skb)
{
    __u32 key = 0;
    __u64 fd = skb->len;

    bpf_map_update_elem(&socks, &key, &fd, BPF_ANY); // <-- not a socket
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
