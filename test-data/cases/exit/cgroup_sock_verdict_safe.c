// case: a cgroup/sock_create program refusing raw sockets returns 0 or 1
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

#define SOCK_RAW 3

SEC("cgroup/sock_create")
int no_raw_sockets(struct bpf_sock *sk) {
    return sk->type != SOCK_RAW;
}

char LICENSE[] SEC("license") = "GPL";
