// case: bpf_get_current_comm is told the buffer holds 16 bytes, but it is an 8-byte variable at the top of the frame
// kernel: reject
// expect: stack.out_of_bounds @ line 16
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_get_current_comm)(void *buf, __u32 size_of_buf) = (void *)16;

__u64 first_word;

SEC("tracepoint/syscalls/sys_enter_kill")
int trace_kill(void *ctx) {
    __u64 prefix = 0;
    /* only the first 8 bytes of the name are wanted */
    bpf_get_current_comm(&prefix, 16);
    first_word = prefix;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
