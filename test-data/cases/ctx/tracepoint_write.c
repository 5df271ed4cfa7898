// case: tracepoint program writes into its record; tracepoint contexts are read-only
// expect: ctx.read_only @ line 21
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* format of /sys/kernel/tracing/events/syscalls/sys_enter_openat */
struct sys_enter_openat_args {
    unsigned long long common;
    int __syscall_nr;
    long dfd;
    const char *filename;
    long flags;
    long mode;
};

SEC("tracepoint/syscalls/sys_enter_openat")
int tp_clear_flags(struct sys_enter_openat_args *ctx)
{
    ctx->flags = 0; // <-- tracepoint records cannot be written
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
