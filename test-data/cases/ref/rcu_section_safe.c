// case: an RCU read section opened and closed on both paths of a branch
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

SEC("tc")
int rcu_both_paths(struct __sk_buff *skb)
{
    int ret = 0;
    bpf_rcu_read_lock();
    if (skb->len > 100)
        ret = 1;
    bpf_rcu_read_unlock();
    return ret;
}
char _license[] SEC("license") = "GPL";
