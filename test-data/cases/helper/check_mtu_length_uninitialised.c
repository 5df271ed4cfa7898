// case: bpf_check_mtu reads its length argument before writing the MTU (MEM_WRITE without MEM_UNINIT): an uninitialised length is garbage the helper uses; a loader with CAP_PERFMON may pass uninitialised stack, so the kernel loads it and bpfcheck warns
// kernel: accept
// expect: uninit.stack @ line 12
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static long (*bpf_check_mtu)(void *ctx, __u32 ifindex, __u32 *mtu_len, __s32 len_diff, __u64 flags) = (void *)163;
SEC("tc")
int mtu_length_garbage(struct __sk_buff *skb)
{
    __u32 mtu_len;

    if (bpf_check_mtu(skb, 0, &mtu_len, 0, 0))
        return 2;
    return mtu_len > 1500;
}
char _license[] SEC("license") = "GPL";
