// case: 4-byte load of skb->tstamp: tstamp must be accessed with 8-byte loads and stores only
// expect: ctx.bad_access @ line 13
// kernel: reject
//
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_tstamp_low(struct __sk_buff *skb)
{
    __u32 low = *(volatile __u32 *)&skb->tstamp; // <-- 4 bytes of an 8-byte field
    return low & 1 ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
