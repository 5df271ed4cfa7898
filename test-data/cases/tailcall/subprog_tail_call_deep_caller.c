// case: the tc program keeps 256 bytes of stack and calls a function that tail-calls: its frame would stay under every tail-called program
// kernel: reject
// expect: tailcall.stack_depth @ line 37
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
} stages SEC(".maps");

static __attribute__((noinline)) int next_stage(struct __sk_buff *skb)
{
    bpf_tail_call(skb, &stages, skb->mark & 3);
    return 0;
}

SEC("tc")
int tc_stages(struct __sk_buff *skb)
{
    volatile __u64 scratch[32];
    __u32 seed = skb->len;

#pragma unroll
    for (int i = 0; i < 32; i++)
        scratch[i] = seed + i;
    if (scratch[seed & 31] == 7)
        return 1;
    return next_stage(skb);
}

char _license[] SEC("license") = "GPL";
