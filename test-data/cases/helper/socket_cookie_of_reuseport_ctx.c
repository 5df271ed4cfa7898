// case: an sk_reuseport program passes its context to bpf_get_socket_cookie: its proto there (bpf_get_socket_ptr_cookie_proto) takes a socket, not the context as in tc
// expect: helper.arg_type @ line 13
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __u64 (*bpf_get_socket_cookie)(void *sk) = (void *)BPF_FUNC_get_socket_cookie;

SEC("sk_reuseport")
int cookie_of_ctx(struct sk_reuseport_md *ctx)
{
    return bpf_get_socket_cookie(ctx) == 1 ? SK_DROP : SK_PASS;
}

char LICENSE[] SEC("license") = "GPL";
