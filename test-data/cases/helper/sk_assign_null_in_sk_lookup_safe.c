// case: an sk_lookup program cancels a selection with bpf_sk_assign(ctx, NULL, 0): its proto (bpf_sk_lookup_assign_proto) takes ARG_PTR_TO_SOCKET_OR_NULL, not tc's socket
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_sk_assign)(void *ctx, void *sk, __u64 flags) = (void *)BPF_FUNC_sk_assign;

SEC("sk_lookup")
int assign_null(struct bpf_sk_lookup *ctx)
{
    if (ctx->local_port != 80)
        return SK_PASS;
    return bpf_sk_assign(ctx, 0, 0) == 0 ? SK_PASS : SK_DROP;
}

char LICENSE[] SEC("license") = "GPL";
