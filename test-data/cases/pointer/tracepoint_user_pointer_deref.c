// case: a tracepoint argument holding a user-space address is dereferenced directly instead of via bpf_probe_read_user
// kernel: reject
// expect: pointer.not_pointer @ line 21
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct sys_enter_openat_args {
    __u64 common;
    __s64 id;
    __u64 dfd;
    const char *filename;
    __u64 flags;
    __u64 mode;
};

SEC("tracepoint/syscalls/sys_enter_openat")
int trace_openat(struct sys_enter_openat_args *ctx) {
    const char *name = ctx->filename;
    /* a user pointer: only bpf_probe_read_user may read it */
    return name[0] == '/';
}

char LICENSE[] SEC("license") = "GPL";
