// case: a global function that cannot sleep is called with preemption disabled (allowed since Linux 6.15, which summarises whether a global function may sleep)
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;

__attribute__((noinline)) int global_len(struct __sk_buff *skb)
{
    return skb ? skb->len : 0;
}
SEC("tc")
int preempt_global(struct __sk_buff *skb)
{
    int len;
    bpf_preempt_disable();
    len = global_len(skb);
    bpf_preempt_enable();
    return len > 0;
}
char _license[] SEC("license") = "GPL";
