// case: a cgroup_skb/ingress program calls bpf_get_retval: cgroup_common_func_proto gives it no proto for BPF_CGROUP_INET_INGRESS (nor egress, sock_ops, recvmsg), though other cgroup programs have it
// kernel: reject
// expect: helper.not_for_type @ line 14
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static int (*bpf_get_retval)(void) = (void *)186;

int last_retval;

SEC("cgroup_skb/ingress")
int ingress_retval(struct __sk_buff *skb) {
    last_retval = bpf_get_retval();
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
