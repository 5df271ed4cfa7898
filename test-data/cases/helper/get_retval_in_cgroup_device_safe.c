// case: a cgroup/dev program reads the return value the cgroup's earlier programs set with bpf_get_retval: the kernel offers it to every cgroup program but those whose expected attach type is a cgroup_skb, sock_ops or recvmsg hook (cgroup_common_func_proto)
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static int (*bpf_get_retval)(void) = (void *)186;

int last_retval;

SEC("cgroup/dev")
int dev_retval(struct bpf_cgroup_dev_ctx *ctx) {
    last_retval = bpf_get_retval();
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
