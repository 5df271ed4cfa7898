// case: TC program tries to trim the packet by writing skb->data_end (use bpf_skb_change_tail)
// expect: ctx.read_only @ line 14
// kernel: reject
//
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_trim(struct __sk_buff *skb)
{
    if (skb->len > 64)
        skb->data_end = skb->data + 64; // <-- data_end is read-only
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
