// case: a tc program loops `for (i = 0; i < skb->len; i++)`: the packet length is never checked, up to 2^32 - 1 iterations
// kernel: reject
// expect: loop.unbounded @ line 15
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

SEC("tc")
int mix_len(struct __sk_buff *skb) {
    __u64 h = skb->mark;
    __u32 len = skb->len;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i < len; i++)
        h = h * 31 + i;
    digest = h;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
