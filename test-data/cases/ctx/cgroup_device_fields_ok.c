// case: a device cgroup program reads the access type (one byte of it, narrow) and the device numbers: struct bpf_cgroup_dev_ctx is readable (cgroup_dev_is_valid_access), and was refused as an unknown context before
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/dev")
int allow_null_device(struct bpf_cgroup_dev_ctx *ctx)
{
    __u8 type = *(volatile __u8 *)&ctx->access_type;

    return type == BPF_DEVCG_DEV_CHAR && ctx->major == 1 && ctx->minor == 3;
}

char LICENSE[] SEC("license") = "GPL";
