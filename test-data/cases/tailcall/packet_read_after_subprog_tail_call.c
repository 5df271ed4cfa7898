// case: a static subprogram that tail-calls returns, if the tail call happened, once the called program ran: the kernel counts the tail call as changing packet data in every frame, so the caller's packet pointer checked before the call is stale after it ("R6 invalid mem access 'scalar'")
// kernel: reject
// expect: pointer.not_pointer @ line 31
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

static __attribute__((noinline)) int next_stage(struct __sk_buff *skb)
{
    bpf_tail_call(skb, &stages, 0);
    return skb->len;
}

SEC("tc")
int read_after_stage(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
    if (data + 14 > end)
        return 0;
    int len = next_stage(skb);
    return len + *(volatile __u8 *)data;
}

char _license[] SEC("license") = "GPL";
