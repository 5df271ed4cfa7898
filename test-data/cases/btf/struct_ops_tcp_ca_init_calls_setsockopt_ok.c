// case: a tcp_congestion_ops init callback calls bpf_setsockopt on its socket: bpf_tcp_ca_get_func_proto gives every callback but release bpf_sk_setsockopt_proto, whose first argument is a socket
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_setsockopt)(void *sk, int level, int optname, void *optval, int optlen) = (void *)BPF_FUNC_setsockopt;

struct sock;
struct tcp_congestion_ops {
    void (*init)(struct sock *sk);
    char name[16];
};

SEC("struct_ops/ca_init")
void ca_init(unsigned long long *ctx)
{
    int mark = 1;

    bpf_setsockopt((void *)ctx[0], 1 /* SOL_SOCKET */, 36 /* SO_MARK */, &mark, sizeof(mark));
}

SEC(".struct_ops")
struct tcp_congestion_ops ca_init_setsockopt = {
    .init = (void *)ca_init,
    .name = "bpfcheck_init",
};

char LICENSE[] SEC("license") = "GPL";
