// case: Cilium's older sock programs sit in sections no convention names ("from-sock6"): given --type cgroup/connect4, the program is a connect4 hook (the attach type libbpf sets for that section name), whose context has no IPv6 address: reading user_ip6 is refused ("invalid bpf_context access")
// type: cgroup/connect4
// kernel: reject
// expect: ctx.bad_access @ line 13
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("from-sock6")
int sock6_xlate(struct bpf_sock_addr *ctx)
{
    /* connect6 only: user_ip6 */
    return ctx->user_ip6[3] == 0;
}

char _license[] SEC("license") = "GPL";
