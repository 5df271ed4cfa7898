// case: the same program given --type cgroup/connect6: a connect6 hook may read user_ip6
// type: cgroup/connect6
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("from-sock6")
int sock6_xlate(struct bpf_sock_addr *ctx)
{
    /* connect6 only: user_ip6 */
    return ctx->user_ip6[3] == 0;
}

char _license[] SEC("license") = "GPL";
