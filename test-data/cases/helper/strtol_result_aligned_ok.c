// case: strtol_result_misaligned without the packing: the long is 8-byte aligned, as the kernel requires of the result bpf_strtol writes
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

static long (*bpf_sysctl_get_new_value)(struct bpf_sysctl *ctx, char *buf, unsigned long buf_len) = (void *)102;
static long (*bpf_strtol)(const char *buf, unsigned long buf_len, __u64 flags, long *res) = (void *)105;

struct parsed {
    __u32 tag;
    long value;
};

SEC("cgroup/sysctl")
int limit_value(struct bpf_sysctl *ctx)
{
    char buf[8] = {};
    struct parsed p = {};

    if (!ctx->write)
        return 1;
    if (bpf_sysctl_get_new_value(ctx, buf, sizeof(buf)) < 0)
        return 0;
    if (bpf_strtol(buf, sizeof(buf), 0, &p.value) < 0)
        return 0;
    return p.value < 1024;
}

char LICENSE[] SEC("license") = "GPL";
