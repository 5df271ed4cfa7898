// case: a weak CONFIG_ extern that the kernel's configuration does not name: libbpf fills 0 into the frozen `.kconfig` map, the verifier reads the constant, and the branch it guards (a call of a helper no kernel has) is dead code the kernel never walks (the selftests' test_core_extern)
// kernel: accept
// expect: pass
// requires: kernel-config
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

extern unsigned long CONFIG_BPFCHECK_NEVER_SET __attribute__((section(".kconfig"), weak));

static long (*no_such_helper)(void *ctx, int arg) = (void *)999;

SEC("xdp")
int weak_unset(struct xdp_md *ctx)
{
    if (CONFIG_BPFCHECK_NEVER_SET)
        return no_such_helper(ctx, 1);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
