// case: a loop of 25 iterations, not unrolled (the selftests' strobemeta read_str_var): each reads a string to a growing payload offset, and its length to `lens[i]`; the body takes one of two paths per iteration (string read or not), 50 path shapes in all, and the kernel walks them (about 300,000 instructions). The 32 partitions of a program point fold the two paths of one iteration together; the loop head joins each iteration's part with what flows in, without widening it, for the rounds that walk the loop to its end (its counter steps 25 times), so the payload offset keeps the bound the walk gives it (widening it, as before, gave a false map.bounds at the string read)
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct value {
    __u16 lens[25];
    __u16 pad;
    char payload[25 * 16 + 16];
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
    for (int i = 0; i < 25; i++) {
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
