// case: 1-byte store into skb->mark: narrow accesses to __sk_buff are allowed for reads only, writes must be the full 4 bytes
// expect: ctx.bad_access @ line 13
// kernel: reject
// xfail: bpfcheck accepts the narrow write: access_context() in executor_memory.cpp applies the `narrow` rule to writes as well, but the kernel's bpf_skb_is_valid_access only allows narrow reads ("Only narrow read access allowed for now"); writes need size == 4 (cb[] excepted)
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_mark_low_byte(struct __sk_buff *skb)
{
    *(volatile __u8 *)&skb->mark = 7; // <-- narrow write to a context field
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
