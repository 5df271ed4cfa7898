// case: preemption is disabled in one static function and enabled in another, nested twice; every disable is matched before exit
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;

static __attribute__((noinline)) void enter(void)
{
    bpf_preempt_disable();
}
static __attribute__((noinline)) void leave(void)
{
    bpf_preempt_enable();
}
SEC("tc")
int preempt_balanced(struct __sk_buff *skb)
{
    enter();
    enter();
    leave();
    leave();
    return 0;
}
char _license[] SEC("license") = "GPL";
