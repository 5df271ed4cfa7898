// case: a cgroup/connect4 program returns 2 for "redirected"; only 0 (refuse) and 1 (allow) are verdicts (reported at the exit, the closing brace)
// kernel: reject
// expect: exit.return_range @ line 15
// xfail: bpfcheck has no cgroup_sock_addr program type (platform/program_types.cpp; the loader names it cgroup_sock_addr but find_program_type finds no entry): SEC("cgroup/connect4") gets a context without fields, so every access to struct bpf_sock_addr is reported as ctx.bad_access and the verdict range [0, 1] is never checked
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/connect4")
int redirect_dns(struct bpf_sock_addr *ctx) {
    if (ctx->user_port != __builtin_bswap16(53))
        return 1;
    ctx->user_ip4 = 0x0100007f; /* 127.0.0.1 */
    return 2;
}

char LICENSE[] SEC("license") = "GPL";
