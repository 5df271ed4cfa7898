// case: a loop of 16 iterations, not unrolled (the selftests' strobemeta read_str_var): each reads a string to a growing payload offset, and its length to `lens[i]`; the body takes one of two paths per iteration, 32 path shapes in all, which the 32 partitions of a program point keep apart: every iteration's offset stays exact, as the kernel walks it (the 25-iteration version needs more parts than that: partitions_25_iterations_two_paths_each_safe.c)
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct value {
    __u16 lens[16];
    __u16 pad;
    char payload[16 * 16 + 16];
};

struct {
    int (*type)[BPF_MAP_TYPE_ARRAY];
    int (*max_entries)[1];
    __u32 *key;
    struct value *value;
} heap SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_probe_read_kernel_str)(void *dst, __u32 size, const void *src) = (void *)115;

SEC("raw_tracepoint/sys_enter")
int read_strings(unsigned long long *ctx)
{
    __u32 key = 0;
    struct value *v = bpf_map_lookup_elem(&heap, &key);
    if (!v)
        return 0;
    __u32 off = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 16; i++) {
        v->lens[i] = 0;
        long len = bpf_probe_read_kernel_str(&v->payload[off], 16, (const void *)ctx[1]);
        if (len <= 0 || len > 16)
            continue;
        v->lens[i] = len;
        off += len;
    }
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
