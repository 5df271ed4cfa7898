// case: bpf_dynptr_slice with a buffer as large as the slice's constant size (buffer__szk), and with no buffer at all (buffer__opt NULL)
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

extern int bpf_dynptr_from_skb(struct __sk_buff *s, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym __attribute__((weak));
extern void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym __attribute__((weak));
extern void *bpf_dynptr_slice_rdwr(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym __attribute__((weak));

SEC("tc")
int dyn(struct __sk_buff *skb) {
    struct bpf_dynptr ptr;
    char buffer[16] = {};
    if (bpf_dynptr_from_skb(skb, 0, &ptr))
        return 1;
    if (!bpf_dynptr_slice(&ptr, 0, (void *)0, 4))
        return 2;
    return !!bpf_dynptr_slice(&ptr, 0, buffer, sizeof(buffer));
}

char LICENSE[] SEC("license") = "GPL";
