// case: a cgroup_sockopt program (a program type from Linux 5.3) built for Linux 5.2
// kernel: accept
// args: --kernel 5.2
// kernel-differs: the running kernel has the program type; the target 5.2 does not (BPF_PROG_TYPE_CGROUP_SOCKOPT came in 5.3)
// expect: type.unavailable @ insn 0
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/getsockopt")
int keep_optval(struct bpf_sockopt *ctx)
{
    return 1;
}

char _license[] SEC("license") = "GPL";
