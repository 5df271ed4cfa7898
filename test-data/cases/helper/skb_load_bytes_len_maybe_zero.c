// case: the copy length is clamped to the buffer but may be 0 (an empty payload); bpf_skb_load_bytes needs a non-zero size
// kernel: reject
// expect: helper.size @ line 21
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_skb_load_bytes)(const void *skb, __u32 offset, void *to, __u32 len) = (void *)26;

__u8 first_payload_byte;

SEC("tc")
int tc_payload(struct __sk_buff *skb) {
    char buf[64];
    if (skb->len < 34)
        return TC_ACT_OK;
    __u32 len = skb->len - 34;
    if (len > sizeof(buf))
        len = sizeof(buf);
    if (bpf_skb_load_bytes(skb, 34, buf, len) == 0)
        first_payload_byte = buf[0];
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
