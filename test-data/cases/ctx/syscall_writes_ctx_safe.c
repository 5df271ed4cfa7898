// case: a syscall program writes a result into its context, the caller's buffer: syscall_prog_is_valid_access allows aligned reads and writes at any offset below U16_MAX
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct args {
    int fd;
    int result;
};

SEC("syscall")
int write_result(struct args *ctx)
{
    ctx->result = ctx->fd + 1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
