// case: the same UDP lookup releases the socket twice when it belongs to root: the second bpf_sk_release has no reference left to drop
// kernel: reject
// expect: ref.release_unacquired @ line 41
//
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

static struct bpf_sock *(*bpf_sk_lookup_udp)(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size,
                                             __u64 netns, __u64 flags) = (void *)85;
static long (*bpf_sk_release)(void *sock) = (void *)86;

__u64 owned_by_root;

SEC("tc")
int tc_udp_owner(struct __sk_buff *skb) {
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    struct ethhdr *eth = data;
    struct iphdr *ip = (void *)(eth + 1);
    struct udphdr *udp = (void *)(ip + 1);
    if ((void *)(udp + 1) > data_end || ip->ihl != 5 || ip->protocol != IPPROTO_UDP)
        return TC_ACT_OK;
    struct bpf_sock_tuple tuple = {};
    tuple.ipv4.saddr = ip->saddr;
    tuple.ipv4.daddr = ip->daddr;
    tuple.ipv4.sport = udp->source;
    tuple.ipv4.dport = udp->dest;
    struct bpf_sock *sk = bpf_sk_lookup_udp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
    if (!sk)
        return TC_ACT_OK;
    if (sk->mark == 0) {
        owned_by_root++;
        bpf_sk_release(sk);
    }
    bpf_sk_release(sk);
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
