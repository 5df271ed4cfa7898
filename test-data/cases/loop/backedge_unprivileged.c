// case: a bounded loop in a socket filter loaded without CAP_BPF (as the selftests' unpriv runs load): check_cfg refuses every back-edge unless the loader is bpf_capable (kernel_verdict --unprivileged keeps CAP_BPF, so there the kernel refuses it for another reason: without CAP_PERFMON it also walks the speculative paths and gives up after 8193 jumps)
// args: --unprivileged
// kernel: reject
// expect: loop.backedge @ line 13
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("socket")
int backedge_unprivileged(struct __sk_buff *skb) {
    __u32 h = skb->len;
#pragma clang loop unroll(disable)
    for (__u32 i = 0; i < 8U; i++) {
        h = (h ^ i) * 31;
    }
    return h & 1;
}

char LICENSE[] SEC("license") = "GPL";
