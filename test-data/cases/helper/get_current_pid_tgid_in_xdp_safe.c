// case: an XDP program reads the current pid with bpf_get_current_pid_tgid: the running kernel offers it to every program type (bpf_base_func_proto), though in softirq context it names whatever task was interrupted
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;

__u64 last_pid;

SEC("xdp")
int xdp_pid(struct xdp_md *ctx) {
    last_pid = bpf_get_current_pid_tgid() >> 32;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
