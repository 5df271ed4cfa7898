// case: a cgroup/getsockopt program calls bpf_getsockopt: cg_sockopt_func_proto gives bpf_sk_getsockopt_proto to setsockopt hooks only (expected_attach_type BPF_CGROUP_SETSOCKOPT), and NULL here
// expect: helper.not_for_type @ line 18
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_getsockopt)(void *sk, int level, int optname, void *optval, int optlen) = (void *)BPF_FUNC_getsockopt;

SEC("cgroup/getsockopt")
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
