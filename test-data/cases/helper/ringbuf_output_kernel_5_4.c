// case: the same bpf_ringbuf_output call checked against a 5.4 target kernel: the ring buffer helpers first appeared in Linux 5.8
// args: --kernel 5.4
// kernel: accept
// kernel-differs: the target is Linux 5.4 (--kernel 5.4), which has no bpf_ringbuf_output (helper 130, added in 5.8) nor ring buffer maps; the running kernel is newer and accepts the program
// expect: helper.unavailable @ line 30
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]

static long (*bpf_ringbuf_output)(void *ringbuf, void *data, __u64 size, __u64 flags) = (void *)130;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;
static __u64 (*bpf_ktime_get_ns)(void) = (void *)5;

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 4096);
} events SEC(".maps");

struct event {
    __u64 pid_tgid;
    __u64 ts;
};

SEC("tracepoint/syscalls/sys_enter_execve")
int on_execve(void *ctx) {
    struct event e = {};
    e.pid_tgid = bpf_get_current_pid_tgid();
    e.ts = bpf_ktime_get_ns();
    bpf_ringbuf_output(&events, &e, sizeof(e), 0);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
