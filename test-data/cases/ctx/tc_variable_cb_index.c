// case: skb->cb[] indexed with a variable: the context may only be accessed at constant offsets
// expect: ctx.variable_offset @ line 15
// kernel: reject
//
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_cb_slot(struct __sk_buff *skb)
{
    __u32 slot = skb->queue_mapping & 3;

    return skb->cb[slot] ? TC_ACT_SHOT : TC_ACT_OK; // <-- variable offset into the context
}

char LICENSE[] SEC("license") = "GPL";
