// case: a sendmsg6 hook sets the source address word by word (`ctx->msg_src_ip6[3] = ...`) and reads the second byte of user_ip6[3]: msg_src_ip6 exists for sendmsg6 and its u32 elements are written whole, reads of the addresses may be narrow at any aligned offset
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/sendmsg6")
int sendmsg6_source(struct bpf_sock_addr *ctx)
{
    __u8 last = *(volatile __u8 *)((char *)&ctx->user_ip6[3] + 1);

    if (last == 1) {
        ctx->msg_src_ip6[0] = 0xfd00;
        ctx->msg_src_ip6[3] = 0x02000000;
    }
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
