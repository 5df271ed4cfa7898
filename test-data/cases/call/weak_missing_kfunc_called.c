// case: a raw_tp program calls a __weak kfunc the kernel does not have, unguarded: libbpf leaves the call unresolved and the kernel refuses it because dead code elimination did not remove it (fixup_kfunc_call: "invalid kernel function call not eliminated in verifier pass")
// kernel: reject
// requires: kernel-btf
// expect: helper.unavailable @ line 11
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
extern int bpf_kfunc_no_kernel_has(void) __attribute__((section(".ksyms"), weak));
SEC("raw_tp/sys_enter")
int call_missing(void *ctx)
{
    bpf_kfunc_no_kernel_has();
    return 0;
}
char _license[] SEC("license") = "GPL";
