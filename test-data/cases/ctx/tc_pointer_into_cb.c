// case: privileged TC program stashes the packet pointer in skb->cb[0..1] with an 8-byte store; root may store pointers into the context's scratch area
// expect: pass
// kernel: accept
//
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_stash_data(struct __sk_buff *skb)
{
    *(__u64 *)&skb->cb[0] = skb->data;
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
