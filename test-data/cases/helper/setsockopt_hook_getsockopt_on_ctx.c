// case: a cgroup/setsockopt program calls bpf_getsockopt on its context: there the helper is bpf_sk_getsockopt_proto, which takes the socket (ctx->sk), not the context as in sock_ops
// expect: helper.arg_type @ line 15
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_getsockopt)(void *sk, int level, int optname, void *optval, int optlen) = (void *)BPF_FUNC_getsockopt;

SEC("cgroup/setsockopt")
int get_on_ctx(struct bpf_sockopt *ctx)
{
    int mark = 0;

    if (bpf_getsockopt(ctx, 1 /* SOL_SOCKET */, 36 /* SO_MARK */, &mark, sizeof(mark)))
        return 1;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
