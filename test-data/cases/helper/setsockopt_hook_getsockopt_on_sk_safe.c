// case: a cgroup/setsockopt program calls bpf_getsockopt on ctx->sk: cg_sockopt_func_proto gives it bpf_sk_getsockopt_proto, whose first argument is a socket (ARG_PTR_TO_BTF_ID_SOCK_COMMON), not the context
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_getsockopt)(void *sk, int level, int optname, void *optval, int optlen) = (void *)BPF_FUNC_getsockopt;

SEC("cgroup/setsockopt")
int get_on_sk(struct bpf_sockopt *ctx)
{
    struct bpf_sock *sk = ctx->sk;
    int mark = 0;

    if (!sk)
        return 1;
    if (bpf_getsockopt(sk, 1 /* SOL_SOCKET */, 36 /* SO_MARK */, &mark, sizeof(mark)))
        return 1;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
