// case: variable-offset index into a stack array: fine for root, but unprivileged loaders may not add a variable to a stack pointer (Spectre v1 hardening)
// args: --unprivileged
// expect: pointer.arithmetic @ line 15
// kernel: reject
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("socket")
int sock_byte_histogram(struct __sk_buff *skb)
{
    __u32 counts[8] = {};

    counts[skb->len & 7] += 1; // <-- stack pointer + variable index
    return counts[0] ? 0 : -1;
}

char LICENSE[] SEC("license") = "GPL";
