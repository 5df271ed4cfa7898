// case: packets spread over `nr_queues` queues read from .bss; the modulo runs before user space sets nr_queues (x % 0 = x: a warning)
// kernel: accept
// expect: div.by_zero @ line 13
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u32 nr_queues;

SEC("tc")
int tc_spread(struct __sk_buff *skb) {
    __u32 hash = skb->hash;
    skb->queue_mapping = hash % nr_queues;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
