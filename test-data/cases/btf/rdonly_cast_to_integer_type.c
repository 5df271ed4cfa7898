// case: a tracepoint program casts its context with bpf_rdonly_cast to the kernel's u64 (bpf_core_cast(ctx, u64)): the type-id argument names a typedef of an integer, and bpf_rdonly_cast takes only a struct (or void) type (check_kfunc_call: "kfunc bpf_rdonly_cast type ID argument must be of a struct or void")
// kernel: reject
// requires: kernel-btf
// expect: helper.arg_type @ line 13
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
typedef unsigned long long u64;
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;
SEC("tracepoint/syscalls/sys_enter_nanosleep")
int cast_to_u64(void *ctx)
{
    u64 *value = bpf_rdonly_cast(ctx, __builtin_btf_type_id(*(u64 *)0, 1));
    (void)value;
    return 0;
}
char _license[] SEC("license") = "GPL";
