// case: egress_ifindex is only available to XDP programs attached to a devmap (xdp/devmap); a plain xdp program may not read it
// expect: ctx.bad_access @ line 12
// kernel: reject
// xfail: bpfcheck accepts the read: program_types.cpp lists egress_ifindex as a readable xdp_md field for every XDP program, but the kernel's xdp_is_valid_access refuses it unless expected_attach_type is BPF_XDP_DEVMAP
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_egress(struct xdp_md *ctx)
{
    return ctx->egress_ifindex == 2 ? XDP_DROP : XDP_PASS; // <-- not a devmap program
}

char LICENSE[] SEC("license") = "GPL";
