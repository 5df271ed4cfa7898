// case: a tp_btf program calls bpf_task_acquire through a CO-RE flavor of its name (bpf_task_acquire___v1, weak, guarded as bpf_ksym_exists does): libbpf 1.2 and later resolve a kfunc extern by its essential name (bpf_core_essential_name_len), so the call acquires a reference like bpf_task_acquire's and releasing it is right; libbpf 1.1 leaves the flavor unresolved (0) and the guarded code dead, so the kernel accepts either way
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __weak __attribute__((weak))
struct task_struct { int pid; } __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_acquire___v1(struct task_struct *p) __ksym __weak;
extern void bpf_task_release(struct task_struct *p) __ksym;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;

SEC("tp_btf/sched_switch")
int flavor_acquire(void *ctx)
{
    if (!!bpf_task_acquire___v1) {
        struct task_struct *t = bpf_task_acquire___v1(bpf_get_current_task_btf());
        if (t)
            bpf_task_release(t);
    }
    return 0;
}
char _license[] SEC("license") = "GPL";
