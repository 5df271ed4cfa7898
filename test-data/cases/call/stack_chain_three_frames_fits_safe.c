// case: three frames of 192, 192 and 96 bytes: the chain tc -> outer -> inner needs 480 of its 512 bytes
// kernel: accept
// expect: pass
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) int inner(__u32 seed)
{
    volatile __u64 buf[12];

#pragma unroll
    for (int i = 0; i < 12; i++)
        buf[i] = seed + i;
    return buf[seed & 7];
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
