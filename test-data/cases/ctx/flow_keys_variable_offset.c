// case: a flow dissector indexes ctx->flow_keys with a variable (`keys + skb->len % 4`): the kernel moves a flow keys pointer by known constants only (adjust_ptr_min_max_vals: pointer arithmetic on flow_keys prohibited)
// expect: pointer.arithmetic @ line 14
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("flow_dissector")
int dissect_variable(struct __sk_buff *skb)
{
    char *keys = (char *)skb->flow_keys;
    __u32 at = skb->data_end - skb->data;

    keys += at & 3; // <-- variable offset into the flow keys
    *keys = 1;
    return BPF_OK;
}

char LICENSE[] SEC("license") = "GPL";
