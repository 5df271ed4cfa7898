// case: bpf_map_lookup_elem is called on a ring buffer map, which has no elements to look up
// kernel: reject
// expect: helper.map_type @ line 21
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 4096);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int trace_execve(void *ctx) {
    __u32 key = 0;
    __u64 *slot = bpf_map_lookup_elem(&events, &key);
    if (slot)
        *slot = 1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
