// case: a cgroup/sysctl program reads the sysctl's name into a fresh stack buffer (eunomia-bpf's bpf-developer-tutorial cgroup guard): the kernel types the buffer as read memory (ARG_PTR_TO_MEM) but allows uninitialised stack with CAP_PERFMON, and bpf_sysctl_get_name only writes it, so nothing reads garbage: no warning
// kernel: accept
// expect: pass
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
