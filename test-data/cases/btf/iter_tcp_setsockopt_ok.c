// case: a tcp iterator calls bpf_setsockopt on the socket it visits: bpf_iter_tcp_get_func_proto gives iter/tcp programs bpf_sk_setsockopt_proto, which tracing programs otherwise do not get
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_setsockopt)(void *sk, int level, int optname, void *optval, int optlen) = (void *)BPF_FUNC_setsockopt;

struct sock_common;
struct bpf_iter__tcp {
    void *meta;
    struct sock_common *sk_common;
};

SEC("iter/tcp")
int set_mark(struct bpf_iter__tcp *ctx)
{
    struct sock_common *skc = ctx->sk_common;
    int mark = 1;

    if (!skc)
        return 0;
    bpf_setsockopt(skc, 1 /* SOL_SOCKET */, 36 /* SO_MARK */, &mark, sizeof(mark));
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
