// case: an iter/tcp program destroys the sockets it walks with bpf_sock_destroy: bpf_sk_iter_kfunc_set's filter (tracing_iter_filter) admits iterator programs
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct sock_common {
    unsigned short skc_num;
} __attribute__((preserve_access_index));
struct bpf_iter_meta;
struct bpf_iter__tcp {
    struct bpf_iter_meta *meta;
    struct sock_common *sk_common;
} __attribute__((preserve_access_index));
extern int bpf_sock_destroy(struct sock_common *sk) __ksym;
SEC("iter/tcp")
int destroy_port_8080(struct bpf_iter__tcp *ctx)
{
    struct sock_common *sk = ctx->sk_common;

    if (sk && sk->skc_num == 8080)
        bpf_sock_destroy(sk);
    return 0;
}
char _license[] SEC("license") = "GPL";
