// case: cgroup_skb program may read the packet directly but writes into it
// expect: packet.read_only @ line 18
// kernel: reject
#include <linux/bpf.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/egress")
int cg_clear_tos(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    struct iphdr *iph = data;

    if ((void *)(iph + 1) > data_end)
        return 1;
    iph->tos = 0; // <-- cgroup_skb cannot write packet data
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
