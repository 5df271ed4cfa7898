// case: bpf_throw while preemption is disabled: the exception exit would leave it disabled
// kernel: reject
// requires: kernel-btf
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;
extern void bpf_throw(__u64 cookie) __ksym;
SEC("tc")
int throw_preempt(struct __sk_buff *skb)
{
    bpf_preempt_disable();
    if (skb->len > 1000)
        bpf_throw(0);
    bpf_preempt_enable();
    return 0;
}
char _license[] SEC("license") = "GPL";
