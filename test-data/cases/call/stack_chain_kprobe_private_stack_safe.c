// case: the 544-byte chain of three frames in a kprobe program, on a kernel that runs kprobes on a private stack (6.13+ with a JIT that has them, e.g. x86-64): the sum is no longer limited, only each frame; twin: stack_chain_kprobe_no_private_stack.c
// requires: private-stack
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
