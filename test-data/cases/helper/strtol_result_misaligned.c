// case: bpf_strtol's result pointer is the long of a packed struct, 4 bytes into an 8-aligned stack slot: the kernel requires the long a helper writes (MEM_ALIGNED, ARG_PTR_TO_LONG before 6.12) to be aligned to 8 (check_ptr_alignment, strict: "misaligned stack access")
// kernel: reject
// expect: stack.misaligned @ line 25
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

static long (*bpf_sysctl_get_new_value)(struct bpf_sysctl *ctx, char *buf, unsigned long buf_len) = (void *)102;
static long (*bpf_strtol)(const char *buf, unsigned long buf_len, __u64 flags, long *res) = (void *)105;

struct parsed {
    __u32 tag;
    long value;
} __attribute__((packed));

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
