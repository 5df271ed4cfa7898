// case: a sleepable syscall program disables preemption and calls a global function that calls bpf_copy_from_user, which may sleep
// kernel: reject
// expect: ref.preempt @ line 23
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;

static long (*bpf_copy_from_user)(void *dst, __u32 size, const void *user_ptr) = (void *)148;
__attribute__((noinline)) int read_user(__u64 ptr)
{
    __u32 data = 0;
    bpf_copy_from_user(&data, sizeof(data), (void *)ptr);
    return data;
}
struct args { __u64 user_ptr; };
SEC("syscall")
int preempt_sleep(struct args *ctx)
{
    int v;
    bpf_preempt_disable();
    v = read_user(ctx->user_ptr);
    bpf_preempt_enable();
    return v;
}
char _license[] SEC("license") = "GPL";
