// case: a tracepoint program casts its context with bpf_rdonly_cast to a kernel struct (bpf_core_cast(ctx, struct task_struct)): the type-id argument names a struct, which bpf_rdonly_cast takes (check_kfunc_call, btf_type_is_struct)
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct task_struct {
    int pid;
} __attribute__((preserve_access_index));
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;
SEC("tracepoint/syscalls/sys_enter_nanosleep")
int cast_to_struct(void *ctx)
{
    struct task_struct *task = bpf_rdonly_cast(ctx, __builtin_btf_type_id(*(struct task_struct *)0, 1));
    (void)task;
    return 0;
}
char _license[] SEC("license") = "GPL";
