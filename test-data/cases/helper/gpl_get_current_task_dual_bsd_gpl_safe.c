// case: the same bpf_get_current_task call under "Dual BSD/GPL", one of the kernel's GPL-compatible license strings
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __u64 (*bpf_get_current_task)(void) = (void *)35;

__u64 last_task;
__u64 calls;

SEC("tracepoint/sched/sched_process_exec")
int on_exec(void *ctx) {
    last_task = bpf_get_current_task();
    calls++;
    return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
