// case: a post_bind4 hook reads the bound address and port (src_ip4, one byte of it, src_port): available after bind, read-only
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/post_bind4")
int post_bind_source(struct bpf_sock *sk)
{
    __u8 first = *(volatile __u8 *)&sk->src_ip4;

    return first == 127 || sk->src_port < 1024 ? 0 : 1;
}

char LICENSE[] SEC("license") = "GPL";
