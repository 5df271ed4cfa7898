// case: TC program tries to redirect by assigning skb->ifindex, a read-only field (use bpf_redirect)
// expect: ctx.read_only @ line 12
// kernel: reject
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_fake_redirect(struct __sk_buff *skb)
{
    skb->ifindex = 2; // <-- skb->ifindex is read-only
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
