// case: a cgroup/sock_create program returns -1 ("-EPERM") to refuse a socket; the verdict must be 0 (refuse) or 1 (reported at the exit, the closing brace)
// kernel: reject
// expect: exit.return_range @ line 15
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

#define AF_PACKET 17

SEC("cgroup/sock_create")
int no_packet_sockets(struct bpf_sock *sk) {
    if (sk->family == AF_PACKET)
        return -1;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
