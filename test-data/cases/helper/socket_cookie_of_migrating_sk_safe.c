// case: an sk_reuseport program takes the cookie of ctx->migrating_sk, not checked against NULL: sk_reuseport_func_proto gives bpf_get_socket_ptr_cookie_proto, whose argument is any socket pointer or NULL (ARG_PTR_TO_BTF_ID_SOCK_COMMON | PTR_MAYBE_NULL)
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __u64 (*bpf_get_socket_cookie)(void *sk) = (void *)BPF_FUNC_get_socket_cookie;

SEC("sk_reuseport")
int cookie_of_migrating(struct sk_reuseport_md *ctx)
{
    return bpf_get_socket_cookie(ctx->migrating_sk) == 1 ? SK_DROP : SK_PASS;
}

char LICENSE[] SEC("license") = "GPL";
