// case: a sysctl hook reads whether the access writes and moves the file position: struct bpf_sysctl's write is readable and file_pos readable and writable (cg_sysctl_is_valid_access)
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/sysctl")
int sysctl_rewind(struct bpf_sysctl *ctx)
{
    if (ctx->write)
        return 0;
    ctx->file_pos = 0;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
