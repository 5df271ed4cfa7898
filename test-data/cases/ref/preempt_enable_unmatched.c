// case: bpf_preempt_enable is called on a path where preemption was not disabled
// kernel: reject
// expect: ref.preempt @ line 15
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;

SEC("tc")
int preempt_unmatched(struct __sk_buff *skb)
{
    if (skb->len > 100)
        bpf_preempt_disable();
    bpf_preempt_enable();
    return 0;
}
char _license[] SEC("license") = "GPL";
