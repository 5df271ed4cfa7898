// case: the tc program keeps 240 bytes of stack (under the 256 the kernel allows below a tail call) and calls a function that tail-calls
// kernel: accept
// expect: pass
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
    volatile __u64 scratch[30];
    __u32 seed = skb->len;

#pragma unroll
    for (int i = 0; i < 30; i++)
        scratch[i] = seed + i;
    if (scratch[seed & 15] == 7)
        return 1;
    return next_stage(skb);
}

char _license[] SEC("license") = "GPL";
