// case: a tail call that did not happen falls through to a return code set after it: R0 is written before the exit
// kernel: accept
// expect: pass
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

SEC("tc")
int tc_dispatch_fallback(struct __sk_buff *skb)
{
    if (skb->mark > 3)
        return 2;
    bpf_tail_call(skb, &stages, skb->mark);
    return 2;
}

char _license[] SEC("license") = "GPL";
