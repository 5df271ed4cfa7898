// case: the copy length is clamped to the buffer (`if (len > 128) len = 128`) and then checked non-zero before bpf_skb_load_bytes
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_skb_load_bytes)(const void *skb, __u32 offset, void *to, __u32 len) = (void *)26;

__u64 first_bytes;

SEC("tc")
int tc_peek(struct __sk_buff *skb) {
    __u8 buf[128];
    __u32 len = skb->len;
    if (len > sizeof(buf))
        len = sizeof(buf);
    if (len < 1)
        return 0;
    if (bpf_skb_load_bytes(skb, 0, buf, len) == 0)
        first_bytes += buf[0];
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
