// case: skb->cb[] used as scratch space: 4-byte writes to cb[0] and cb[4] and an 8-byte read of cb[0..1]
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_cb(struct __sk_buff *skb)
{
    skb->cb[0] = skb->len;
    skb->cb[1] = 0;
    skb->cb[4] = skb->ifindex;
    __u64 first = *(volatile __u64 *)&skb->cb[0];
    return first > 100 ? TC_ACT_OK : TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
