// case: NULL passed for a global function's __arg_nonnull parameter: the function reads it unchecked, so the kernel refuses the call
// kernel: reject
// expect: call.global_arg @ line 16
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __arg_nonnull __attribute__((btf_decl_tag("arg:nonnull")))

__attribute__((noinline)) int read_first(int *p __arg_nonnull) {
    return *p;
}

SEC("xdp")
int nonnull_arg_null(struct xdp_md *ctx) {
    int *volatile none = 0;  // volatile: the call is not optimised away
    return read_first(none) == 7 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
