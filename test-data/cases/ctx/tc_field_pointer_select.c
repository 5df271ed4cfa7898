// case: a pointer to one of two __sk_buff fields chosen by a condition, then dereferenced: clang emits ctx += (8 or 32) and a load at offset 0, and context loads must use the unmodified ctx pointer
// expect: ctx.variable_offset @ line 15
// kernel: reject
//
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_pick_field(struct __sk_buff *skb)
{
    __u32 *field = skb->len > 100 ? &skb->mark : &skb->priority;

    return *field == 7 ? TC_ACT_SHOT : TC_ACT_OK; // <-- load through ctx + 8 or ctx + 32
}

char LICENSE[] SEC("license") = "GPL";
