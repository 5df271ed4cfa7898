// case: a tail call in the main program that did not happen leaves the packet as it was: the packet pointer checked before it may be read after it (only a subprogram's tail call returns to code that may see a moved packet)
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

SEC("tc")
int read_after_failed_tail_call(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
    if (data + 14 > end)
        return 0;
    bpf_tail_call(skb, &stages, 0);
    return *(volatile __u8 *)data;
}

char _license[] SEC("license") = "GPL";
