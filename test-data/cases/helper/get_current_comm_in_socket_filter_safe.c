// case: a socket filter reads the current task name with bpf_get_current_comm, which the running kernel offers to every program type (bpf_base_func_proto)
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_get_current_comm)(void *buf, __u32 size_of_buf) = (void *)16;

SEC("socket")
int filter_by_comm(struct __sk_buff *skb) {
    char comm[16];
    if (bpf_get_current_comm(comm, sizeof(comm)))
        return 0;
    return comm[0] == 's' ? skb->len : 0;
}

char LICENSE[] SEC("license") = "GPL";
