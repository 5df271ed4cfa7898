// case: 8-byte load at skb->mark spans mark and queue_mapping; context fields cannot be read wider than they are
// expect: ctx.bad_access @ line 12
// kernel: reject
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_wide_mark(struct __sk_buff *skb)
{
    __u64 both = *(volatile __u64 *)&skb->mark; // <-- 8 bytes over two 4-byte fields
    return both == 0 ? TC_ACT_OK : TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
