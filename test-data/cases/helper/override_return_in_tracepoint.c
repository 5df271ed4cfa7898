// case: a tracepoint program calls bpf_override_return, which only kprobe programs (on error-injectable functions) may call
// kernel: reject
// expect: helper.not_for_type @ line 13
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_override_return)(void *regs, __u64 rc) = (void *)58;

SEC("tracepoint/syscalls/sys_enter_openat")
int fail_openat(void *ctx) {
    /* make the syscall fail with -ENOENT */
    bpf_override_return(ctx, -2);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
