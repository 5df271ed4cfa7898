// case: a cgroup/recvmsg4 program returns 0: recvmsg and get{peer,sock}name hooks must return 1 (check_return_code's range for BPF_CGROUP_UDP4_RECVMSG is [1, 1])
// kernel: reject
// expect: exit.return_range @ line 10
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/recvmsg4")
int deny_recvmsg(struct bpf_sock_addr *ctx) {
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
