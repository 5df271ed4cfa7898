// case: a raw_tp program calls a __weak kfunc the kernel does not have only behind bpf_ksym_exists: libbpf sets the extern's address to 0, the verifier drops the call as dead code, and the program loads
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
extern int bpf_kfunc_no_kernel_has(void) __attribute__((section(".ksyms"), weak));
SEC("raw_tp/sys_enter")
int call_missing_guarded(void *ctx)
{
    if (bpf_kfunc_no_kernel_has)
        bpf_kfunc_no_kernel_has();
    return 0;
}
char _license[] SEC("license") = "GPL";
