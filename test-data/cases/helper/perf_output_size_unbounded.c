// case: bpf_perf_event_output sends `len` bytes of a map value, with len read back from the value and never bounded
// kernel: reject
// expect: helper.size @ line 36
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_perf_event_output)(void *ctx, void *map, __u64 flags, void *data, __u64 size) = (void *)25;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct record {
    __u64 len;
    char payload[248];
};

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct record);
} buffer SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
    __uint(key_size, sizeof(__u32));
    __uint(value_size, sizeof(__u32));
} events SEC(".maps");

SEC("kprobe/vfs_write")
int probe_write(void *ctx) {
    __u32 key = 0;
    struct record *r = bpf_map_lookup_elem(&buffer, &key);
    if (r)
        bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, r, r->len);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
