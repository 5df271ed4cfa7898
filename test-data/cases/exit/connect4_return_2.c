// case: a cgroup/connect4 program returns 2 for "redirected"; only 0 (refuse) and 1 (allow) are verdicts (reported at the exit, the closing brace)
// kernel: reject
// expect: exit.return_range @ line 15
//
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
