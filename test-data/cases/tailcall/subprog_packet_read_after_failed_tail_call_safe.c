// case: inside a static subprogram, after a tail call that did not happen, the subprogram's own packet pointer is still good: only the path on which the tail call happened (a return to the caller) sees a packet that may have moved
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]

static long (*bpf_tail_call)(void *ctx, void *map, __u32 index) = (void *)12;

struct {
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __uint(max_entries, 4);
    __uint(key_size, sizeof(__u32));
    __uint(value_size, sizeof(__u32));
} stages SEC(".maps");

static __attribute__((noinline)) int stage_or_read(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
    if (data + 14 > end)
        return 0;
    bpf_tail_call(skb, &stages, 0);
    return *(volatile __u8 *)data;
}

SEC("tc")
int tc_stage_or_read(struct __sk_buff *skb)
{
    return stage_or_read(skb);
}

char _license[] SEC("license") = "GPL";
