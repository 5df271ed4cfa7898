// case: bpf_preempt_disable is called twice and bpf_preempt_enable once: the program exits with preemption disabled
// kernel: reject
// expect: ref.preempt @ line 16
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;

SEC("tc")
int preempt_once_enabled(struct __sk_buff *skb)
{
    bpf_preempt_disable();
    bpf_preempt_disable();
    bpf_preempt_enable();
    return 0;
}
char _license[] SEC("license") = "GPL";
