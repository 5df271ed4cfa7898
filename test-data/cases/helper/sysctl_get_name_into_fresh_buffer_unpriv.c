// case: as sysctl_get_name_into_fresh_buffer_ok.c, loaded without CAP_PERFMON: the kernel refuses the uninitialised buffer ("invalid read from stack"), though the helper only writes it
// args: --unprivileged
// kernel: reject
// expect: uninit.stack @ line 13
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

static long (*bpf_sysctl_get_name)(struct bpf_sysctl *ctx, char *buf, unsigned long buf_len, __u64 flags) = (void *)101;

SEC("cgroup/sysctl")
int guard(struct bpf_sysctl *ctx) {
    char name[64];
    if (bpf_sysctl_get_name(ctx, name, sizeof(name), 0) < 0)
        return 1;
    return name[0] == 'k' ? 0 : 1;
}

char LICENSE[] SEC("license") = "GPL";
