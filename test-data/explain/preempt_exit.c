// case: a program returns between bpf_preempt_disable() and bpf_preempt_enable()
// kernel: reject
// requires: kernel-btf
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;
int skip;
SEC("tc")
int quiet(struct __sk_buff *skb)
{
    bpf_preempt_disable();
    if (skip)
        return 0;
    bpf_preempt_enable();
    return 0;
}
char _license[] SEC("license") = "GPL";
