// case: a bpf_for_each_map_elem callback returns what an empty asm statement claims to produce, so R0 is never set
// kernel: reject
// expect: call.callback_return @ line 28
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

static long add_entry(void *map, __u32 *key, __u64 *value, struct sum_ctx *ctx) {
    long ret;
    ctx->total += *value;
    asm volatile("" : "=r"(ret));
    return ret;
}

__u64 total_bytes;

SEC("tracepoint/sched/sched_process_exit")
int on_exit(void *ctx) {
    struct sum_ctx sum = {};
    bpf_for_each_map_elem(&bytes_per_pid, add_entry, &sum, 0);
    total_bytes = sum.total;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
