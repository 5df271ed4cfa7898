// case: a TC classifier holds a socket reference from bpf_sk_lookup_tcp while it reads the packet with a legacy BPF_LD_ABS load, which can end the program
// kernel: reject
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static struct bpf_sock *(*bpf_sk_lookup_tcp)(void *ctx, struct bpf_sock_tuple *tuple, __u32 tuple_size, __u64 netns, __u64 flags) = (void *)84;
static long (*bpf_sk_release)(void *sock) = (void *)86;
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
SEC("tc")
int lookup_then_read(struct __sk_buff *skb)
{
    struct bpf_sock_tuple tuple = {};
    struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), -1, 0);
    int proto;
    if (!sk)
        return 0;
    proto = load_byte(skb, 23);
    bpf_sk_release(sk);
    return proto;
}
char _license[] SEC("license") = "GPL";
