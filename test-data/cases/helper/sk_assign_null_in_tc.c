// case: a tc program passes NULL to bpf_sk_assign: tc's proto (bpf_sk_assign_proto) takes a socket (ARG_PTR_TO_BTF_ID_SOCK_COMMON), NULL is allowed only in sk_lookup
// expect: helper.arg_type @ line 13
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_sk_assign)(void *ctx, void *sk, __u64 flags) = (void *)BPF_FUNC_sk_assign;

SEC("tc")
int assign_null(struct __sk_buff *skb)
{
    return bpf_sk_assign(skb, 0, 0) == 0 ? 0 : 2;
}

char LICENSE[] SEC("license") = "GPL";
