// case: bpf_rcu_read_lock is called twice without an unlock between (the kernel does not nest RCU sections)
// kernel: reject
// expect: ref.rcu_lock @ line 14
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

SEC("tc")
int rcu_nested(struct __sk_buff *skb)
{
    bpf_rcu_read_lock();
    bpf_rcu_read_lock();
    bpf_rcu_read_unlock();
    bpf_rcu_read_unlock();
    return 0;
}
char _license[] SEC("license") = "GPL";
