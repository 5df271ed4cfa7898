// case: narrow loads of __sk_buff fields: the low and high 16 bits of protocol and the top byte of hash
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_narrow(struct __sk_buff *skb)
{
    __u16 lo = *(volatile __u16 *)&skb->protocol;
    __u16 hi = *((volatile __u16 *)&skb->protocol + 1);
    __u8 top = *((volatile __u8 *)&skb->hash + 3);

    return (lo ^ hi ^ top) == 0 ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
