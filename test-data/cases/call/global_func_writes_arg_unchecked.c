// case: a global function of default visibility writes through its pointer parameter without a NULL check: its BTF FUNC stays global, the kernel verifies it on its own, and the parameter may be NULL (R2 invalid mem access 'mem_or_null')
// expect: null.deref @ line 10
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__attribute__((noinline)) int fetch(struct __sk_buff *skb, long *res)
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
