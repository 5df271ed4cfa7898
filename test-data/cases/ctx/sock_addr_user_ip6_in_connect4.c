// case: a connect4 hook reads user_ip6[0]: sock_addr_is_valid_access gives the IPv6 address only to the IPv6 attach types
// expect: ctx.bad_access @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/connect4")
int connect4_reads_ip6(struct bpf_sock_addr *ctx)
{
    return ctx->user_ip6[0] != 0; // <-- no IPv6 address in an IPv4 hook
}

char LICENSE[] SEC("license") = "GPL";
