// case: a TC program with CAP_PERFMON stashes the packet data pointer in skb->cb: privileged programs may leak addresses
// kernel: accept
// expect: pass
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_stash(struct __sk_buff *skb) {
    __u64 data = skb->data;
    /* keep the start of the packet for the next tail-called program */
    skb->cb[0] = data;
    skb->cb[1] = data >> 32;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
