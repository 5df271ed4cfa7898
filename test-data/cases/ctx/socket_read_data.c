// case: socket filter reads skb->data and skb->data_end to size the packet: socket filters have no direct packet access (use skb->len or bpf_skb_load_bytes)
// expect: ctx.bad_access @ line 12
// expect: ctx.bad_access @ line 13
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("socket")
int sock_direct(struct __sk_buff *skb)
{
    __u32 start = skb->data; // <-- not readable in socket filters
    __u32 end = skb->data_end; // <-- not readable in socket filters

    return end - start > 100 ? -1 : 0;
}

char LICENSE[] SEC("license") = "GPL";
