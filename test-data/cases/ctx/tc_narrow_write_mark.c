// case: 1-byte store into skb->mark: narrow accesses to __sk_buff are allowed for reads only, writes must be the full 4 bytes
// expect: ctx.bad_access @ line 13
// kernel: reject
//
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_mark_low_byte(struct __sk_buff *skb)
{
    *(volatile __u8 *)&skb->mark = 7; // <-- narrow write to a context field
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
