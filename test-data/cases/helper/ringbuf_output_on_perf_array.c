// case: bpf_ringbuf_output is given a perf event array (the map of an older perf-buffer version of the program)
// kernel: reject
// expect: helper.map_type @ line 28
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static long (*bpf_ringbuf_output)(void *ringbuf, void *data, __u64 size, __u64 flags) = (void *)130;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;

struct {
    __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
    __uint(key_size, 4);
    __uint(value_size, 4);
} events SEC(".maps");

struct event {
    __u64 pid_tgid;
};

SEC("tracepoint/syscalls/sys_enter_execve")
int on_execve(void *ctx) {
    struct event e;
    e.pid_tgid = bpf_get_current_pid_tgid();
    /* switched to ring buffers, map left as it was */
    bpf_ringbuf_output(&events, &e, sizeof(e), 0);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
