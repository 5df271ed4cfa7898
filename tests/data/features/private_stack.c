// Does the running kernel give kprobe programs a private stack? The test
// runners load this with kernel_verdict (tests/data/cases.py:
// running_kernel_features): the chain main (16 bytes) -> first (256) ->
// second (256) holds 528 bytes. A kernel with private stacks moves the two
// 256-byte subprograms off the kernel stack and accepts it; one without
// refuses it ("combined stack size of 3 calls is 528. Too large").
// Independent of bpfcheck's own probe (cli/kernel_loader.cpp), which the
// kernel comparison checks through the cases that state the feature.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __attribute__((noinline)) int second(__u32 seed)
{
    volatile __u64 buf[32];

    buf[0] = seed;
    buf[31] = seed + 1;
    return buf[seed & 31];
}

static __attribute__((noinline)) int first(__u32 seed)
{
    volatile __u64 buf[32];

    buf[0] = seed;
    buf[31] = seed + 2;
    return buf[seed & 31] + second(seed);
}

SEC("kprobe/do_nanosleep")
int private_stack_probe(void *ctx)
{
    volatile __u64 local[2];
    __u32 seed = (__u32)((__u64 *)ctx)[14];

    local[0] = seed;
    local[1] = 1;
    return (local[seed & 1] + first(seed)) & 1;
}

char _license[] SEC("license") = "GPL";
