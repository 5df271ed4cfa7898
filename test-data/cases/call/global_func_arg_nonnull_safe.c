// case: a global function's pointer parameter tagged __arg_nonnull (BTF decl tag "arg:nonnull") is read without a NULL check: the kernel verifies the function taking the memory as present, and checks each caller passes it
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __arg_nonnull __attribute__((btf_decl_tag("arg:nonnull")))

__attribute__((noinline)) int read_first(int *p __arg_nonnull) {
    return *p;
}

SEC("xdp")
int nonnull_arg(struct xdp_md *ctx) {
    int value = ctx->ingress_ifindex;
    return read_first(&value) == 7 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
