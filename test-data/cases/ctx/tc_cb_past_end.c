// case: 8-byte store at skb->cb[4] runs 4 bytes past the end of cb[] (into hash)
// expect: ctx.bad_access @ line 12
// kernel: reject
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_cb_overflow(struct __sk_buff *skb)
{
    *(volatile __u64 *)&skb->cb[4] = 0; // <-- cb[4] is the last 4-byte slot
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
