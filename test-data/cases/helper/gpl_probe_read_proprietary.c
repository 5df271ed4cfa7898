// case: the same bpf_probe_read_kernel call (GPL-only) in a program whose license is "Proprietary"
// kernel: reject
// expect: helper.gpl_only @ line 30
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)113;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct name {
    char buf[32];
};

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct name);
} last_name SEC(".maps");

SEC("kprobe/do_unlinkat")
int probe_unlink(__u64 *regs) {
    __u32 key = 0;
    struct name *n = bpf_map_lookup_elem(&last_name, &key);
    if (!n)
        return 0;
    bpf_probe_read_kernel(n->buf, sizeof(n->buf), (void *)regs[13]);
    return 0;
}

char LICENSE[] SEC("license") = "Proprietary";
