// case: socket filter reads len, protocol, pkt_type and ifindex and writes cb[0]
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/if_packet.h>

#define SEC(name) __attribute__((section(name), used))

SEC("socket")
int sock_fields(struct __sk_buff *skb)
{
    skb->cb[0] = skb->len;
    if (skb->pkt_type != PACKET_HOST)
        return 0;
    if (skb->protocol != __builtin_bswap16(0x0800))
        return 0;
    return skb->ifindex == 1 ? 0 : skb->len;
}

char LICENSE[] SEC("license") = "GPL";
