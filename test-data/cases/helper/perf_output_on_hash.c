// case: bpf_perf_event_output is given a hash map instead of a BPF_MAP_TYPE_PERF_EVENT_ARRAY
// kernel: reject
// expect: helper.map_type @ line 28
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_perf_event_output)(void *ctx, void *map, __u64 flags, void *data, __u64 size) = (void *)25;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;

struct event {
    __u64 pid_tgid;
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 128);
    __type(key, __u32);
    __type(value, __u32);
} events SEC(".maps");

SEC("kprobe/do_sys_openat2")
int probe_open(void *ctx) {
    struct event e;
    e.pid_tgid = bpf_get_current_pid_tgid();
    bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
