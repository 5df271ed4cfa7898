// case: privileged TC program stashes the packet pointer in skb->cb[0..1] with an 8-byte store; root may store pointers into the context's scratch area
// expect: pass
// kernel: accept
// xfail: bpfcheck reports pointer.leak: execute_store() in executor_memory.cpp flags every pointer stored into the context, but the kernel's "leaks addr into ctx" check (check_mem_access, is_pointer_value) only applies without allow_ptr_leaks, i.e. to unprivileged loaders
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_stash_data(struct __sk_buff *skb)
{
    *(__u64 *)&skb->cb[0] = skb->data;
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
