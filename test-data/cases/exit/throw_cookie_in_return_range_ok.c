// case: without an exception callback bpf_throw's cookie is the program's return value: 0 is inside cgroup_skb's [0, 1]
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_throw(__u64 cookie) __ksym;
SEC("cgroup_skb/ingress")
int throw_zero(struct __sk_buff *skb)
{
    if (skb->len > 1000)
        bpf_throw(0);
    return 1;
}
char _license[] SEC("license") = "GPL";
