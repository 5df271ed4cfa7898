// case: the configured prefix length is masked to 0..15 and then incremented, so bpf_get_current_comm gets 1..16 bytes of a 16-byte buffer
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_get_current_comm)(void *buf, __u32 size_of_buf) = (void *)16;

__u32 prefix_len;
char seen[16];

SEC("tracepoint/sched/sched_process_exec")
int on_exec(void *ctx) {
    char comm[16] = {};
    __u32 len = (prefix_len & 15) + 1;
    bpf_get_current_comm(comm, len);
    seen[0] = comm[0];
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
