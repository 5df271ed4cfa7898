// case: a cgroup/bind4 program returns 3: bind hooks may return 0..3 (bit 1 tells the kernel to skip the CAP_NET_BIND_SERVICE check), check_return_code's range for BPF_CGROUP_INET4_BIND
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup/bind4")
int bind_any_port(struct bpf_sock_addr *ctx) {
    return 3;
}

char LICENSE[] SEC("license") = "GPL";
