// case: bpf_throw ends the path (an exception exit): an index checked with `if (i >= 8) bpf_throw(0)` is below 8 after it, as bpf_assert relies on
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_throw(__u64 cookie) __ksym;
SEC("tc")
int throw_narrows(struct __sk_buff *skb)
{
    __u32 table[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    __u32 i = skb->len;
    if (i >= 8)
        bpf_throw(0);
    asm volatile("" : "+r"(i));  // keep the index a register, checked only by the throw
    return table[i] & 1;
}
char _license[] SEC("license") = "GPL";
