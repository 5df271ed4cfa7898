// case: a socket filter reads skb->gso_segs and skb->gso_size: sk_filter_is_valid_access hides the packet pointers and the socket fields, not these
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("socket")
int gso_filter(struct __sk_buff *skb)
{
    return skb->gso_segs > 1 || skb->gso_size > 1400 ? 0 : -1;
}

char LICENSE[] SEC("license") = "GPL";
