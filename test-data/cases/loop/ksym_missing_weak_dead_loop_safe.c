// case: a weak kfunc extern the kernel does not have is relocated by libbpf to the number 0 (bpf_object__relocate_data: unresolved weak ksyms get address 0), so bpf_ksym_exists() is false and the endless loop it guards is dead code the kernel never walks
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __weak __attribute__((weak))
extern void bpfcheck_no_such_kfunc(void) __ksym __weak;
int err;

SEC("tp_btf/sched_switch")
int missing_weak_kfunc(void *ctx)
{
    if (!!bpfcheck_no_such_kfunc) {
        err = 1;
        asm volatile("goto -1");
    }
    return 0;
}
char _license[] SEC("license") = "GPL";
