// case: a tcp_congestion_ops init callback writes the first 8 bytes of its socket (sk->__sk_common.skc_addrpair, at offset 0 on every kernel): bpf_tcp_ca_btf_struct_access allows writes to a few tcp_sock members only ("no write support to tcp_sock at off 0")
// expect: pointer.btf_write @ line 22
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct sock {
    unsigned long long skc_addrpair;
};

struct tcp_congestion_ops {
    void (*init)(struct sock *sk);
    char name[16];
};

SEC("struct_ops/ca_init")
void ca_init(unsigned long long *ctx)
{
    struct sock *sk = (struct sock *)ctx[0];
    sk->skc_addrpair = 0;
}

SEC(".struct_ops")
struct tcp_congestion_ops ca_writes_addr = {
    .init = (void *)ca_init,
    .name = "bpfcheck_addr",
};

char LICENSE[] SEC("license") = "GPL";
