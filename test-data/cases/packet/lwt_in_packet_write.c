// case: lwt_in program writes into the packet; LWT input/output programs have read-only direct packet access
// expect: packet.read_only @ line 19
// kernel: reject
//
#include <linux/bpf.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))

SEC("lwt_in")
int lwt_clear_tos(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    struct iphdr *iph = data;

    if ((void *)(iph + 1) > data_end)
        return BPF_OK;
    iph->tos = 0; // <-- lwt_in may not write the packet
    return BPF_OK;
}

char LICENSE[] SEC("license") = "GPL";
