// case: TC program reads the byte at data_end (one past the packet) instead of the last byte
// expect: packet.end_deref @ line 17
// kernel: reject
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_trailer(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    unsigned char *end = (void *)(long)skb->data_end;

    if ((void *)end <= data)
        return TC_ACT_OK;
    return *end == 0xff ? TC_ACT_SHOT : TC_ACT_OK; // <-- data_end itself is dereferenced
}

char LICENSE[] SEC("license") = "GPL";
