// case: TC program tries to truncate the packet by writing skb->len, a read-only field (use bpf_skb_change_tail)
// expect: ctx.read_only @ line 13
// kernel: reject
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_truncate(struct __sk_buff *skb)
{
    if (skb->len > 128)
        skb->len = 128; // <-- skb->len is read-only
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
