// case: a struct_ops program in an object whose license is not GPL-compatible: check_struct_ops_btf_id refuses it ("struct ops programs must have a GPL compatible license")
// expect: type.attach_target @ line 18
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct sock;
struct tcp_congestion_ops {
    void (*init)(struct sock *sk);
    char name[16];
};

SEC("struct_ops/ca_init")
void ca_init(unsigned long long *ctx)
{
}

SEC(".struct_ops")
struct tcp_congestion_ops ca_proprietary = {
    .init = (void *)ca_init,
    .name = "bpfcheck_prop",
};

char LICENSE[] SEC("license") = "Proprietary";
