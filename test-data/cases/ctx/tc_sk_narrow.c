// case: 4-byte load of the skb->sk pointer field: pointer fields of the context must be loaded whole (8 bytes)
// expect: ctx.bad_access @ line 12
// kernel: reject
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_sk_low(struct __sk_buff *skb)
{
    __u32 low = *(volatile __u32 *)&skb->sk; // <-- half of a pointer field
    return low ? TC_ACT_OK : TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
