// case: TC classifier writes the writable __sk_buff fields mark, priority and tc_classid
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_classify(struct __sk_buff *skb)
{
    if (skb->len > 1000) {
        skb->mark = 0x42;
        skb->priority = 6;
        skb->tc_classid = 0x10001;
    }
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
