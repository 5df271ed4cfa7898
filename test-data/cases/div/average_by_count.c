// case: an average computed as sum / count with a count from a map that may still be 0 (BPF defines x/0 = 0: a warning)
// kernel: accept
// expect: div.by_zero @ line 30
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct latency {
    __u64 total_ns;
    __u64 count;
    __u64 average_ns;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct latency);
} stats SEC(".maps");

SEC("kprobe/tcp_sendmsg")
int probe_sendmsg(void *ctx) {
    __u32 key = 0;
    struct latency *l = bpf_map_lookup_elem(&stats, &key);
    if (l)
        l->average_ns = l->total_ns / l->count;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
