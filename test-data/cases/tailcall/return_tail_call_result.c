// case: returns what bpf_tail_call returned (helpers declared returning long, as older headers did): the helper is RET_VOID, so after a tail call that did not happen R0 is not set and the exit reads it (check_helper_call marks R0 NOT_INIT; "R0 !read_ok")
// kernel: reject
// expect: exit.r0_uninit @ line 25
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
int tc_dispatch(struct __sk_buff *skb)
{
    if (skb->mark > 3)
        return 2;
    return bpf_tail_call(skb, &stages, skb->mark);
}

char _license[] SEC("license") = "GPL";
