// case: a tcp_congestion_ops program implements get_info, a callback the kernel leaves to C (no cfi stub): check_struct_ops_btf_id refuses it ("attach to unsupported member get_info")
// expect: type.attach_target @ line 20
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct sock;
union tcp_cc_info;
struct tcp_congestion_ops {
    void (*init)(struct sock *sk);
    unsigned long (*get_info)(struct sock *sk, unsigned int ext, int *attr, union tcp_cc_info *info);
    char name[16];
};

SEC("struct_ops/ca_get_info")
unsigned long ca_get_info(unsigned long long *ctx)
{
    return 0;
}

SEC(".struct_ops")
struct tcp_congestion_ops ca_info = {
    .get_info = (void *)ca_get_info,
    .name = "bpfcheck_info",
};

char LICENSE[] SEC("license") = "GPL";
