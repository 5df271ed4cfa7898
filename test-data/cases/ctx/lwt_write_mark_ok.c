// case: an lwt_out program sets skb->mark and skb->priority: lwt_is_valid_access lets mark, priority and cb be written
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("lwt_out")
int lwt_mark(struct __sk_buff *skb)
{
    skb->mark = 42;
    skb->priority = skb->len > 1000;
    return BPF_OK;
}

char LICENSE[] SEC("license") = "GPL";
