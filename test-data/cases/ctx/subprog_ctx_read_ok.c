// case: the context pointer is passed to a non-inlined function that reads __sk_buff fields
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) int is_big(struct __sk_buff *skb)
{
    return skb->len > 1400 && skb->protocol == __builtin_bswap16(0x0800);
}

SEC("tc")
int tc_big(struct __sk_buff *skb)
{
    if (is_big(skb))
        skb->mark = 0xb16;
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
