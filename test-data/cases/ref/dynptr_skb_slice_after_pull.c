// case: a slice of an skb dynptr used after bpf_skb_pull_data, which may move the packet: the slice is invalid like packet pointers (clear_all_pkt_pointers)
// kernel: reject
// expect: pointer.not_pointer @ line 28
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
    if (!head)
        return 0;
    out = head[0];
    if (bpf_skb_pull_data(skb, 64))
        return 0;
    out = head[1];
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
