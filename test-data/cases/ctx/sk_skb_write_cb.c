// case: an sk_skb verdict program writes skb->cb[0]: sk_skb_is_valid_access lets only tc_index and priority be written (cb is read-only there)
// expect: ctx.read_only @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("sk_skb/stream_verdict")
int verdict(struct __sk_buff *skb)
{
    skb->cb[0] = skb->len; // <-- cb is not writable for sk_skb
    return SK_PASS;
}

char LICENSE[] SEC("license") = "GPL";
