// case: a flow dissector reads ctx->flow_keys (a pointer to struct bpf_flow_keys) and writes the offsets it found into it
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("flow_dissector")
int dissect(struct __sk_buff *skb)
{
    struct bpf_flow_keys *keys = skb->flow_keys;

    keys->thoff = keys->nhoff + 20;
    keys->ip_proto = 6;
    return BPF_OK;
}

char LICENSE[] SEC("license") = "GPL";
