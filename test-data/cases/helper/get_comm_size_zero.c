// case: bpf_get_current_comm is called with size 0 (the buffer length taken from an empty configuration value)
// kernel: reject
// expect: helper.size @ line 17
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_get_current_comm)(void *buf, __u32 size_of_buf) = (void *)16;

#define COMM_LEN 0 /* set by the build: 0 disables the name */

__u64 named_calls;

SEC("tracepoint/syscalls/sys_enter_kill")
int trace_kill(void *ctx) {
    char comm[16];
    if (bpf_get_current_comm(comm, COMM_LEN) == 0)
        named_calls++;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
