// case: a tc program clears the IPv4 TOS byte with bpf_skb_store_bytes, which __sk_buff programs of type sched_cls may call
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_skb_store_bytes)(void *skb, __u32 offset, const void *from, __u32 len, __u64 flags) = (void *)9;

SEC("tc")
int tc_clear_tos(struct __sk_buff *skb) {
    __u8 tos = 0;
    if (skb->protocol != __builtin_bswap16(0x0800))
        return TC_ACT_OK;
    bpf_skb_store_bytes(skb, 15, &tos, 1, 0);
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
