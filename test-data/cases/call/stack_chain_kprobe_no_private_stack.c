// case: the 544-byte chain of three frames in a kprobe program, on a kernel that gives kprobes no private stack (before 6.13, or a JIT without them): the frames share 512 bytes; twin: stack_chain_kprobe_private_stack_safe.c
// requires: no-private-stack
// kernel: reject
// expect: call.stack_depth @ line 27
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
