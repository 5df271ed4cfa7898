// case: a pointer to one of two __sk_buff fields chosen by a condition, then dereferenced: clang emits ctx += (8 or 32) and a load at offset 0, and context loads must use the unmodified ctx pointer
// expect: ctx.variable_offset @ line 15
// kernel: reject
// xfail: bpfcheck accepts: access_context() (executor_memory.cpp) adds a constant pointer offset to the instruction offset (and, in the working tree, enumerates small sets of offsets), but the kernel rewrites context loads from the instruction offset alone and rejects any ctx pointer with off != 0 ("dereference of modified ctx ptr R1 off=32 disallowed", __check_ptr_off_reg), even on a single path with a constant offset
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
