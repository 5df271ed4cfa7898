// case: a bpf_for_each_map_elem callback counts entries in the caller's context and stops the walk (returns 1) at the 16th; safe, but the kernel cannot finish verifying it
// kernel: reject
// kernel-differs: the kernel is imprecise: it verifies the callback again and again, as a loop body, until the caller's state converges; the entry count on the stack is compared with 16, so it stays precise and takes a new value every round (the kernel does not use the return value 1 to end the walk), and verification stops at "BPF program is too large. Processed 1000001 insn"
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_for_each_map_elem)(void *map, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)164;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 256);
    __type(key, __u32);
    __type(value, __u64);
} bytes_per_pid SEC(".maps");

struct sum_ctx {
    __u64 total;
    __u32 entries;
};

static long add_first_16(void *map, __u32 *key, __u64 *value, struct sum_ctx *ctx) {
    ctx->total += *value;
    if (++ctx->entries >= 16)
        return 1;
    return 0;
}

__u64 sample_bytes;

SEC("tracepoint/sched/sched_process_exit")
int on_exit(void *ctx) {
    struct sum_ctx sum = {};
    bpf_for_each_map_elem(&bytes_per_pid, add_first_16, &sum, 0);
    sample_bytes = sum.total;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
