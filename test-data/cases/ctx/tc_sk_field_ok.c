// case: skb->sk is read as a pointer, checked for NULL, and a bpf_sock field is read through it
// expect: pass
// kernel: accept
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_sock_family(struct __sk_buff *skb)
{
    struct bpf_sock *sk = skb->sk;

    if (!sk)
        return TC_ACT_OK;
    return sk->family == 10 ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
