// case: a global function calls bpf_skb_pull_data, which may move the packet: the caller's checked packet pointer is stale after the call (mark_reg_invalid: an unknown number for a loader with CAP_PERFMON)
// kernel: reject
// expect: pointer.not_pointer @ line 27
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_skb_pull_data)(struct __sk_buff *skb, __u32 len) = (void *)39;

__attribute__((noinline)) int pull_headers(struct __sk_buff *skb)
{
    return bpf_skb_pull_data(skb, 64) == 0;
}

SEC("tc")
int tc_pull(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    __u8 *first = data;
    int pulled;

    if (data + 1 > data_end)
        return 0;
    pulled = pull_headers(skb);
    return (*first + pulled) & 1;
}

char _license[] SEC("license") = "GPL";
