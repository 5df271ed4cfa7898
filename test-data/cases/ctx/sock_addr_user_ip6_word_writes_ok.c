// case: a connect6 hook rewrites the destination address one u32 at a time (`ctx->user_ip6[i] = ...`) and reads two bytes of the port: sock_addr_is_valid_access treats user_ip6 as four u32 fields, each written whole, and allows narrow reads of the addresses and the port
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/connect6")
int connect6_rewrite(struct bpf_sock_addr *ctx)
{
    __u16 port = *(volatile __u16 *)&ctx->user_port;

    if (port == 0x5000) {
        ctx->user_ip6[0] = 0xfd00;
        ctx->user_ip6[1] = 0;
        ctx->user_ip6[2] = 0;
        ctx->user_ip6[3] = 0x01000000;
    }
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
