// case: the 544-byte chain of three frames in a kprobe program that also makes a tail call: check_max_stack_depth gives a program with tail calls no private stack, so the frames share 512 bytes even on a kernel that has private stacks (stated here with --private-stack yes)
// args: --private-stack yes
// kernel: reject
// expect: call.stack_depth @ line 38
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_tail_call)(void *ctx, void *map, __u32 index) = (void *)12;

struct {
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u32);
} jumps SEC(".maps");

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
int kprobe_tail_and_chain(void *ctx)
{
    volatile __u64 buf[24];
    __u32 seed = (__u32)((__u64 *)ctx)[14];

#pragma unroll
    for (int i = 0; i < 24; i++)
        buf[i] = seed + 2 * i;
    if (seed == 3)
        bpf_tail_call(ctx, &jumps, seed & 3);
    return (buf[seed & 15] + outer(seed)) & 1;
}

char _license[] SEC("license") = "GPL";
