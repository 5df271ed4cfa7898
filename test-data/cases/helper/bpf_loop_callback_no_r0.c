// case: a bpf_loop callback returns a value an empty asm statement claims to produce, so R0 is never set (0 = continue, 1 = stop)
// kernel: reject
// expect: call.callback_return @ line 16
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

static int bump(__u32 index, __u64 *count) {
    int ret;
    *count += 1;
    /* "returns whatever the assembly left in the register": nothing sets it */
    asm volatile("" : "=r"(ret));
    return ret;
}

__u64 total;

SEC("tracepoint/syscalls/sys_enter_getpid")
int trace_getpid(void *ctx) {
    __u64 count = 0;
    bpf_loop(16, bump, &count, 0);
    total += count;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
