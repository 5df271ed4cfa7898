// case: the same 544-byte chain in a kprobe program for Linux 6.6, before private stacks (6.13): the frames share 512 bytes there
// kernel: accept
// args: --kernel 6.6
// requires: private-stack
// kernel-differs: the running kernel gives kprobe programs a private stack and accepts the chain; the target 6.6 refuses it with "combined stack size of 3 calls is 544" (on a kernel without private stacks the two agree: stack_chain_kprobe_no_private_stack.c)
// expect: call.stack_depth @ line 29
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
