// case: the queue is chosen with a modulo by a compile-time constant
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

#define NR_QUEUES 6

SEC("tc")
int tc_spread(struct __sk_buff *skb) {
    __u32 hash = skb->hash;
    skb->queue_mapping = hash % NR_QUEUES;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
