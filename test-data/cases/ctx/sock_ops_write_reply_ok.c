// case: a sock_ops program answers through `skops->reply` (args[0], 4 bytes at offset 4): sock_ops_is_valid_access lets it and sk_txhash be written as u32s
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("sockops")
int sockops_reply(struct bpf_sock_ops *skops)
{
    if (skops->op == BPF_SOCK_OPS_TIMEOUT_INIT)
        skops->reply = 10;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
