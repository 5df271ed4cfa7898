// case: a tcp_congestion_ops init callback writes tcp_sock->snd_cwnd (a CO-RE-relocated store): bpf_tcp_ca_is_valid_access types its `struct sock *` argument as a tcp_sock, and bpf_tcp_ca_btf_struct_access lets it write snd_cwnd
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct sock;
struct tcp_sock {
    unsigned int snd_cwnd;
} __attribute__((preserve_access_index));

struct tcp_congestion_ops {
    void (*init)(struct sock *sk);
    char name[16];
};

SEC("struct_ops/ca_init")
void ca_init(unsigned long long *ctx)
{
    struct tcp_sock *tp = (struct tcp_sock *)ctx[0];

    tp->snd_cwnd = 10;
}

SEC(".struct_ops")
struct tcp_congestion_ops ca_writes_cwnd = {
    .init = (void *)ca_init,
    .name = "bpfcheck_cwnd",
};

char LICENSE[] SEC("license") = "GPL";
