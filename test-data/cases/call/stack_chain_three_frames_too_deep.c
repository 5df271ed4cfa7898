// case: three frames of 192, 192 and 160 bytes: each fits in 512, the chain tc -> outer -> inner needs 544
// kernel: reject
// expect: call.stack_depth @ line 26
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) int inner(__u32 seed)
{
    volatile __u64 buf[20];

#pragma unroll
    for (int i = 0; i < 20; i++)
        buf[i] = seed + i;
    return buf[seed & 15];
}

static __attribute__((noinline)) int outer(__u32 seed)
{
    volatile __u64 buf[24];

#pragma unroll
    for (int i = 0; i < 24; i++)
        buf[i] = seed ^ i;
    return buf[seed & 15] + inner(seed);
}

SEC("tc")
int tc_three_frames(struct __sk_buff *skb)
{
    volatile __u64 buf[24];
    __u32 seed = skb->len;

#pragma unroll
    for (int i = 0; i < 24; i++)
        buf[i] = seed + 2 * i;
    return (buf[seed & 15] + outer(seed)) & 1;
}

char _license[] SEC("license") = "GPL";
