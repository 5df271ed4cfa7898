// case: the same callback checks the loop index against the slot count before writing
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct slots {
    __u64 v[16];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct slots);
} table SEC(".maps");

__u32 nr_slots = 16;

struct clear_ctx {
    struct slots *s;
};

static int clear_slot(__u32 index, struct clear_ctx *c) {
    if (index < 16)
        c->s->v[index] = 0;
    return 0;
}

SEC("tracepoint/syscalls/sys_enter_getpid")
int trace_getpid(void *ctx) {
    __u32 key = 0;
    struct slots *s = bpf_map_lookup_elem(&table, &key);
    if (!s)
        return 0;
    struct clear_ctx c = {.s = s};
    bpf_loop(nr_slots, clear_slot, &c, 0);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
