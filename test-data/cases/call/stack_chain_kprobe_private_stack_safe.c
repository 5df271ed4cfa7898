// case: the 544-byte chain of three frames in a kprobe program: Linux 6.13+ runs kprobes on a private stack and no longer limits the sum, only each frame
// kernel: accept
// expect: pass
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

SEC("kprobe/do_nanosleep")
int kprobe_three_frames(void *ctx)
{
    volatile __u64 buf[24];
    __u32 seed = (__u32)((__u64 *)ctx)[14];

#pragma unroll
    for (int i = 0; i < 24; i++)
        buf[i] = seed + 2 * i;
    return (buf[seed & 15] + outer(seed)) & 1;
}

char _license[] SEC("license") = "GPL";
