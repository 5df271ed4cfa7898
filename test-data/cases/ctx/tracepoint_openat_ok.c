// case: tracepoint on syscalls/sys_enter_openat reads the syscall number and the flags argument from the record
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* format of /sys/kernel/tracing/events/syscalls/sys_enter_openat */
struct sys_enter_openat_args {
    unsigned short common_type;
    unsigned char common_flags;
    unsigned char common_preempt_count;
    int common_pid;
    int __syscall_nr;
    long dfd;
    const char *filename;
    long flags;
    long mode;
};

SEC("tracepoint/syscalls/sys_enter_openat")
int tp_openat(struct sys_enter_openat_args *ctx)
{
    if (ctx->__syscall_nr != 257)
        return 0;
    return (ctx->flags & 0100) != 0;
}

char LICENSE[] SEC("license") = "GPL";
