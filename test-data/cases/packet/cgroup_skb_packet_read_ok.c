// case: cgroup_skb program reads the IPv4 header directly (allowed with CAP_BPF) after a bounds check
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/ip.h>
#include <linux/in.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/ingress")
int cg_drop_icmp(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    struct iphdr *iph = data;

    if ((void *)(iph + 1) > data_end)
        return 1;
    return iph->protocol == IPPROTO_ICMP ? 0 : 1;
}

char LICENSE[] SEC("license") = "GPL";
