// case: a writable dynptr slice in a cgroup_skb program, which may not write packet data (check_kfunc_call: may_access_direct_pkt_data, "the prog does not allow writes to packet data")
// kernel: reject
// expect: packet.read_only @ line 18
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

extern int bpf_dynptr_from_skb(struct __sk_buff *s, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym __attribute__((weak));
extern void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym __attribute__((weak));
extern void *bpf_dynptr_slice_rdwr(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym __attribute__((weak));

SEC("cgroup_skb/ingress")
int dyn(struct __sk_buff *skb) {
    struct bpf_dynptr ptr;
    char buffer[4] = {};
    bpf_dynptr_from_skb(skb, 0, &ptr);
    if (!bpf_dynptr_slice_rdwr(&ptr, 0, buffer, sizeof(buffer)))
        return 0;
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
