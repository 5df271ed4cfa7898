// case: two CO-RE flavors of bpf_task_acquire, both weak: ___one matches the kernel's prototype and is called; ___two takes an extra argument, so libbpf's bpf_core_types_are_compat finds it incompatible and leaves it unresolved (0): bpf_ksym_exists() is false and the call with the stack pointer it guards, which the kernel would refuse, is dead code
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __weak __attribute__((weak))
struct task_struct { int pid; } __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_acquire___one(struct task_struct *p) __ksym __weak;
extern struct task_struct *bpf_task_acquire___two(struct task_struct *p, void *ctx) __ksym __weak;
extern void bpf_task_release(struct task_struct *p) __ksym;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;
int err;

SEC("tp_btf/sched_switch")
int flavor_incompatible(void *ctx)
{
    struct task_struct *t = 0;
    int fake = 42;

    if (!!bpf_task_acquire___two) {
        t = bpf_task_acquire___two((struct task_struct *)&fake, &fake);
        err = 3;
    } else if (!!bpf_task_acquire___one) {
        t = bpf_task_acquire___one(bpf_get_current_task_btf());
    }
    if (t)
        bpf_task_release(t);
    return 0;
}
char _license[] SEC("license") = "GPL";
