// case: a bpf_loop callback returns 2; callbacks may only return 0 (continue) or 1 (stop) (reported at the callback's exit, the closing brace)
// kernel: reject
// expect: exit.return_range @ line 20
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

#define LOOP_CONTINUE 0
#define LOOP_BREAK 2 /* wrong: bpf_loop stops on 1 */

static int find_root(__u32 index, __u64 *found) {
    if (index * index == 49) {
        *found = index;
        return LOOP_BREAK;
    }
    return LOOP_CONTINUE;
}

__u64 answer;

SEC("tracepoint/syscalls/sys_enter_getpid")
int trace_getpid(void *ctx) {
    __u64 found = 0;
    bpf_loop(100, find_root, &found, 0);
    answer = found;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
