// case: TC program reads skb->tstamp and sets a departure time 1 ms later (tstamp is writable in tc)
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_delay(struct __sk_buff *skb)
{
    __u64 ts = skb->tstamp;

    if (ts)
        skb->tstamp = ts + 1000000;
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
