// case: the same map, whose value holds a bpf_timer, used from a tp_btf program: only kprobe, tracepoint, perf_event and raw_tracepoint programs may not use it
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct elem {
    struct bpf_timer t;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, int);
    __type(value, struct elem);
} timers SEC(".maps");

SEC("tp_btf/sched_switch")
int probe(void *ctx) {
    int key = 0;
    return bpf_map_lookup_elem(&timers, &key) != 0;
}

char LICENSE[] SEC("license") = "GPL";
