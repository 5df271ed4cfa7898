// case: a cgroup/connect4 program refuses connections to port 25 and allows the rest (verdict 0 or 1)
// kernel: accept
// expect: pass
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/connect4")
int no_smtp(struct bpf_sock_addr *ctx) {
    if (ctx->user_port == __builtin_bswap16(25))
        return 0;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
