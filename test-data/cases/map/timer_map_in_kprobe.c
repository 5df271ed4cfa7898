// case: a kprobe program uses a map whose value holds a bpf_timer: tracing program types may not (check_map_prog_compatibility: "tracing progs cannot use bpf_timer yet")
// kernel: reject
// expect: map.not_for_type @ line 26
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

SEC("kprobe/do_nanosleep")
int probe(void *ctx) {
    int key = 0;
    return bpf_map_lookup_elem(&timers, &key) != 0;
}

char LICENSE[] SEC("license") = "GPL";
