// case: a write through a bpf_dynptr_slice slice, which is read-only (MEM_RDONLY: "cannot write into rdonly_mem"); bpf_dynptr_slice_rdwr gives a writable one
// kernel: reject
// expect: pointer.read_only @ line 24
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

static long (*bpf_skb_pull_data)(struct __sk_buff *skb, __u32 len) = (void *)39;
extern int bpf_dynptr_from_skb(struct __sk_buff *s, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym __attribute__((weak));
extern void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym __attribute__((weak));
extern void *bpf_dynptr_slice_rdwr(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym __attribute__((weak));

__u32 out;

SEC("tc")
int dyn(struct __sk_buff *skb) {
    struct bpf_dynptr ptr;
    __u32 buffer[4] = {};
    __u32 *head;
    bpf_dynptr_from_skb(skb, 0, &ptr);
    head = bpf_dynptr_slice(&ptr, 0, buffer, sizeof(buffer));
    if (head)
        head[0] = 1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
