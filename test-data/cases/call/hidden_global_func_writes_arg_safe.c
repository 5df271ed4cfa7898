// case: a global function of hidden visibility (__hidden, as libbpf's usdt.bpf.h declares bpf_usdt_arg) writes through its pointer parameter without a NULL check: libbpf marks its BTF FUNC static (mark_btf_static), so the kernel verifies it with its caller's stack pointer
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__attribute__((noinline, visibility("hidden"))) int fetch(struct __sk_buff *skb, long *res)
{
    *res = 0;
    if (skb->len < 64)
        return -1;
    *res = skb->len;
    return 0;
}

SEC("tc")
int hidden_fetch(struct __sk_buff *skb)
{
    long len = 0;

    if (fetch(skb, &len))
        return 0;
    return len > 128;
}

char _license[] SEC("license") = "GPL";
