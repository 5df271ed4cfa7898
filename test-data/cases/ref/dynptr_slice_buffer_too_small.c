// case: bpf_dynptr_slice is given an 8-byte buffer for a 9-byte slice, whose last byte is the dynptr's (check_kfunc_mem_size_reg: "memory, len pair leads to invalid memory access")
// kernel: reject
// expect: stack.object_slot @ line 19
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

extern int bpf_dynptr_from_skb(struct __sk_buff *s, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym __attribute__((weak));
extern void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym __attribute__((weak));
extern void *bpf_dynptr_slice_rdwr(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym __attribute__((weak));

SEC("tc")
int dyn(struct __sk_buff *skb) {
    struct bpf_dynptr ptr;
    char buffer[8] = {};
    if (bpf_dynptr_from_skb(skb, 0, &ptr))
        return 1;
    return !!bpf_dynptr_slice(&ptr, 0, buffer, 9);
}

char LICENSE[] SEC("license") = "GPL";
