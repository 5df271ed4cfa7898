// case: skb->cb[] indexed with a variable: the context may only be accessed at constant offsets
// expect: ctx.variable_offset @ line 15
// kernel: reject
// xfail: bpfcheck (working tree) accepts the load: access_context() in executor_memory.cpp now enumerates a variable ctx offset with few possible values (small_set) and checks each as a constant, meant for path joins (cond ? &ctx->a : &ctx->b); here the offset is a real variable on one path (ctx += (queue_mapping & 3) << 2), which the kernel refuses ("variable ctx access var_off=(0x0; 0xc) disallowed")
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

SEC("tc")
int tc_cb_slot(struct __sk_buff *skb)
{
    __u32 slot = skb->queue_mapping & 3;

    return skb->cb[slot] ? TC_ACT_SHOT : TC_ACT_OK; // <-- variable offset into the context
}

char LICENSE[] SEC("license") = "GPL";
