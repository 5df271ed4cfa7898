// case: a 32-bit value from the packet is added to the packet pointer without bounding it: the offset may exceed 64 KiB, so no later check can make the access valid
// expect: packet.bounds @ line 27
// kernel: reject
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

struct tlv {
    __u32 type;
    __u32 len;
};

SEC("tc")
int tc_skip_tlv(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    struct tlv *t = data + sizeof(struct ethhdr);

    if ((void *)(t + 1) > data_end)
        return TC_ACT_OK;
    unsigned char *next = (unsigned char *)(t + 1) + t->len;
    if ((void *)(next + 1) > data_end)
        return TC_ACT_OK;
    return *next == 0 ? TC_ACT_SHOT : TC_ACT_OK; // <-- t->len is unbounded
}

char LICENSE[] SEC("license") = "GPL";
