// case: TC program increments skb->mark with an atomic add; atomic operations on the context are not allowed
// expect: pointer.atomic @ line 12
// kernel: reject
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_count_mark(struct __sk_buff *skb)
{
    __sync_fetch_and_add(&skb->mark, 1); // <-- atomic on a context field
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
