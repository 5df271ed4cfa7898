// case: bpf_check_mtu's length argument set to 0 first (0: check the packet's own length), as the helper reads it before writing the MTU
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static long (*bpf_check_mtu)(void *ctx, __u32 ifindex, __u32 *mtu_len, __s32 len_diff, __u64 flags) = (void *)163;
SEC("tc")
int mtu_length_zero(struct __sk_buff *skb)
{
    __u32 mtu_len = 0;

    if (bpf_check_mtu(skb, 0, &mtu_len, 0, 0))
        return 2;
    return mtu_len > 1500;
}
char _license[] SEC("license") = "GPL";
