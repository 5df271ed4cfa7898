// case: a static function that tail-calls is declared void: a subprogram that may leave by a tail call must return int, since its caller then gets R0 from the tail-called program ("tail_call is only allowed in functions that return 'int'")
// kernel: reject
// expect: call.abnormal_exit_type @ line 22
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

static __attribute__((noinline)) void next_stage(struct __sk_buff *skb)
{
    if (skb->mark)
        bpf_tail_call(skb, &stages, skb->mark & 3);
}

SEC("tc")
int tc_stages(struct __sk_buff *skb)
{
    next_stage(skb);
    return 0;
}

char _license[] SEC("license") = "GPL";
