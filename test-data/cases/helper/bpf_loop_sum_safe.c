// case: bpf_loop runs a callback that adds a bounded index into a context struct on the caller's stack
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

struct loop_ctx {
    __u64 sum;
    __u32 limit;
};

static int add_one(__u32 index, struct loop_ctx *lc) {
    if (index >= lc->limit)
        return 1; /* stop */
    lc->sum += index;
    return 0;
}

__u64 last_sum;

SEC("tracepoint/syscalls/sys_enter_getpid")
int trace_getpid(void *ctx) {
    struct loop_ctx lc = {.sum = 0, .limit = 100};
    bpf_loop(1000, add_one, &lc, 0);
    last_sum = lc.sum;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
