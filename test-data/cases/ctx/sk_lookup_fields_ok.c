// case: an sk_lookup program reads the protocol, a byte of the local IPv6 address, the 2-byte remote port and the local port: sk_lookup_is_valid_access lets every u32 be read narrow and remote_port be read as a __be16 or a u32
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("sk_lookup")
int lookup_fields(struct bpf_sk_lookup *ctx)
{
    __u8 first = *(volatile __u8 *)&ctx->local_ip6[0];
    __u16 remote = *(volatile __u16 *)&ctx->remote_port;

    if (ctx->protocol != 6 || first == 0xfe || remote == 0)
        return SK_PASS;
    return ctx->local_port == 80 ? SK_PASS : SK_DROP;
}

char LICENSE[] SEC("license") = "GPL";
