// case: a weak kfunc extern the kernel has (bpf_task_release) is a non-NULL address once libbpf relocates it, so bpf_ksym_exists() is true and the endless loop it guards is reached
// kernel: reject
// requires: kernel-btf
// expect: loop.infinite @ line 18
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __weak __attribute__((weak))
struct task_struct { int pid; } __attribute__((preserve_access_index));
extern void bpf_task_release(struct task_struct *p) __ksym __weak;
int err;

SEC("tp_btf/sched_switch")
int present_weak_kfunc(void *ctx)
{
    if (!!bpf_task_release) {
        err = 1;
        asm volatile("goto -1");
    }
    return 0;
}
char _license[] SEC("license") = "GPL";
