// case: bpf_get_current_comm gets a length masked to 0..15 from a configuration global; 0 is possible, and the helper needs a non-zero size
// kernel: reject
// expect: helper.size @ line 18
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_get_current_comm)(void *buf, __u32 size_of_buf) = (void *)16;

__u32 prefix_len;
char seen[16];

SEC("tracepoint/sched/sched_process_exec")
int on_exec(void *ctx) {
    char comm[16];
    __u32 len = prefix_len & 15;
    /* copy only the configured prefix of the name */
    bpf_get_current_comm(comm, len);
    seen[0] = comm[0];
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
