// case: bpf_throw in a function that a bpf_loop callback calls: the kernel refuses bpf_throw in callbacks and in what they call (check_max_stack_depth)
// kernel: reject
// expect: call.throw_in_callback @ line 12
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_throw(__u64 cookie) __ksym;
static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;
static __attribute__((noinline)) int check(__u32 i)
{
    if (i > 3)
        bpf_throw(0);
    return 0;
}
static int loop_cb(__u32 i, void *ctx)
{
    return check(i);
}
SEC("tc")
int throw_in_cb(struct __sk_buff *skb)
{
    bpf_loop(5, loop_cb, 0, 0);
    return 0;
}
char _license[] SEC("license") = "GPL";
