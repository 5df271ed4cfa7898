// case: a tcp_congestion_ops release callback calls bpf_setsockopt: bpf_tcp_ca_get_func_proto returns NULL for it there ("Does not allow release() to call setsockopt")
// expect: helper.not_for_type @ line 22
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_setsockopt)(void *sk, int level, int optname, void *optval, int optlen) = (void *)BPF_FUNC_setsockopt;

struct sock;
struct tcp_congestion_ops {
    void (*release)(struct sock *sk);
    char name[16];
};

SEC("struct_ops/ca_release")
void ca_release(unsigned long long *ctx)
{
    int mark = 1;

    bpf_setsockopt((void *)ctx[0], 1 /* SOL_SOCKET */, 36 /* SO_MARK */, &mark, sizeof(mark));
}

SEC(".struct_ops")
struct tcp_congestion_ops ca_release_setsockopt = {
    .release = (void *)ca_release,
    .name = "bpfcheck_release",
};

char LICENSE[] SEC("license") = "GPL";
