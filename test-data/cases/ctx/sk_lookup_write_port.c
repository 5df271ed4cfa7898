// case: an sk_lookup program writes ctx->local_port: the context of sk_lookup is read-only (sk_lookup_is_valid_access refuses every write)
// expect: ctx.read_only @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("sk_lookup")
int lookup_write(struct bpf_sk_lookup *ctx)
{
    ctx->local_port = 8080; // <-- read-only context
    return SK_PASS;
}

char LICENSE[] SEC("license") = "GPL";
