// case: the bpf_loop callback returns a flag and the program throws after bpf_loop returns, outside the callback
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_throw(__u64 cookie) __ksym;
static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;
static int loop_cb(__u32 i, void *ctx)
{
    if (i > 3) {
        *(int *)ctx = 1;
        return 1;
    }
    return 0;
}
SEC("tc")
int throw_after_cb(struct __sk_buff *skb)
{
    int failed = 0;
    bpf_loop(5, loop_cb, &failed, 0);
    if (failed)
        bpf_throw(0);
    return 0;
}
char _license[] SEC("license") = "GPL";
