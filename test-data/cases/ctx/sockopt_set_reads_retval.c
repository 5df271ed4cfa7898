// case: a setsockopt hook reads ctx->retval: only getsockopt programs have it (cg_sockopt_is_valid_access)
// expect: ctx.bad_access @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/setsockopt")
int set_reads_retval(struct bpf_sockopt *ctx)
{
    return ctx->retval == 0; // <-- no retval before the kernel handled the option
}

char LICENSE[] SEC("license") = "GPL";
