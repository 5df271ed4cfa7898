// case: a cgroup/sysctl program calls bpf_get_retval, which cgroup_common_func_proto offers by the program's expected attach type (BPF_CGROUP_SYSCTL is not one of the hooks left out)
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static int (*bpf_get_retval)(void) = (void *)186;

int last_retval;

SEC("cgroup/sysctl")
int sysctl_retval(struct bpf_sysctl *ctx) {
    last_retval = bpf_get_retval();
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
