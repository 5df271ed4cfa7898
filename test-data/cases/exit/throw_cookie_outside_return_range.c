// case: without an exception callback bpf_throw's cookie is the program's return value: 2 is outside cgroup_skb's [0, 1] (check_return_code on R1)
// kernel: reject
// expect: exit.return_range @ line 12
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_throw(__u64 cookie) __ksym;
SEC("cgroup_skb/ingress")
int throw_two(struct __sk_buff *skb)
{
    if (skb->len > 1000)
        bpf_throw(2);
    return 1;
}
char _license[] SEC("license") = "GPL";
