// case: socket filter writes skb->mark; only cb[] is writable in socket filters
// expect: ctx.read_only @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("socket")
int sock_mark(struct __sk_buff *skb)
{
    skb->mark = 1; // <-- read-only for socket filters
    return -1;
}

char LICENSE[] SEC("license") = "GPL";
