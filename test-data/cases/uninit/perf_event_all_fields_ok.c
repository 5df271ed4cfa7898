// case: every field of the event struct is written (uid from bpf_get_current_uid_gid) before bpf_perf_event_output
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;
static __u64 (*bpf_get_current_uid_gid)(void) = (void *)15;
static long (*bpf_get_current_comm)(void *buf, __u32 size_of_buf) = (void *)16;
static __u64 (*bpf_ktime_get_ns)(void) = (void *)5;
static long (*bpf_perf_event_output)(void *ctx, void *map, __u64 flags, void *data, __u64 size) = (void *)25;

struct event {
    __u32 pid;
    __u32 uid;
    char comm[16];
    __u64 ts;
};

struct {
    __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
    __uint(key_size, sizeof(__u32));
    __uint(value_size, sizeof(__u32));
} events SEC(".maps");

SEC("kprobe/do_sys_openat2")
int trace_open(void *ctx)
{
    struct event evt;

    evt.pid = bpf_get_current_pid_tgid() >> 32;
    evt.uid = (__u32)bpf_get_current_uid_gid();
    bpf_get_current_comm(evt.comm, sizeof(evt.comm));
    evt.ts = bpf_ktime_get_ns();
    bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &evt, sizeof(evt));
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
