// case: the RCU read lock is taken and the program returns on one path without bpf_rcu_read_unlock
// kernel: reject
// expect: ref.rcu_lock @ insn 7
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

SEC("tc")
int rcu_early_return(struct __sk_buff *skb)
{
    bpf_rcu_read_lock();
    if (skb->len > 100)
        return 1;
    bpf_rcu_read_unlock();
    return 0;
}
char _license[] SEC("license") = "GPL";
