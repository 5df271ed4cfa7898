// case: a getsockopt hook reads the level and option and sets optlen and retval: cg_sockopt_is_valid_access lets getsockopt programs write optlen and retval
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/getsockopt")
int hide_option(struct bpf_sockopt *ctx)
{
    if (ctx->level == 6 && ctx->optname == 42) {
        *(volatile int *)&ctx->optlen = 0;
        *(volatile int *)&ctx->retval = 0;
    }
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
