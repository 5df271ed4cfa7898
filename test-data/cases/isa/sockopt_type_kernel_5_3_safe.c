// case: the same cgroup_sockopt program built for Linux 5.3, which introduced the program type
// kernel: accept
// args: --kernel 5.3
// expect: pass
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/getsockopt")
int keep_optval(struct bpf_sockopt *ctx)
{
    return 1;
}

char _license[] SEC("license") = "GPL";
