// case: a sock_create hook reads sk->src_ip4: __sock_filter_check_attach_type gives the source address only to post_bind4 programs
// expect: ctx.bad_access @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/sock_create")
int create_reads_source(struct bpf_sock *sk)
{
    return sk->src_ip4 != 0; // <-- no source address before bind
}

char LICENSE[] SEC("license") = "GPL";
