// case: a subprogram throws while its caller holds bpf_rcu_read_lock: the exception exit leaves the section open ("bpf_throw cannot be used inside bpf_rcu_read_lock-ed region")
// kernel: reject
// expect: ref.rcu_lock @ line 13
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_throw(__u64 cookie) __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
static __attribute__((noinline)) int check_len(struct __sk_buff *skb)
{
    if (skb->len > 1000)
        bpf_throw(0);
    return skb->len;
}
SEC("tc")
int throw_in_rcu(struct __sk_buff *skb)
{
    int len;

    bpf_rcu_read_lock();
    len = check_len(skb);
    bpf_rcu_read_unlock();
    return len & 1;
}
char _license[] SEC("license") = "GPL";
