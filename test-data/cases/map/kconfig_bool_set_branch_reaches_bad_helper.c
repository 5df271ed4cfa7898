// case: CONFIG_BPF_SYSCALL is `y` on every kernel that loads BPF: libbpf fills 1 into the `bool` extern, the branch it guards is the one the kernel walks, and the call there of a helper no kernel has is refused; the other branch is dead
// kernel: reject
// expect: helper.unknown @ line 17
// requires: kernel-config
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

extern _Bool CONFIG_BPF_SYSCALL __attribute__((section(".kconfig")));

static long (*no_such_helper)(void *ctx, int arg) = (void *)999;

SEC("xdp")
int bool_set(struct xdp_md *ctx)
{
    if (CONFIG_BPF_SYSCALL)
        return no_such_helper(ctx, 1);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
