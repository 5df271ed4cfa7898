// case: a NULL-checked bpf_dynptr_slice of an skb dynptr is read within its constant size, and a bpf_dynptr_slice_rdwr slice written, in a tc program
// kernel: accept
// expect: pass
// requires: dynptr-slice-rdwr
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
    __u32 *head, *rw;
    if (bpf_dynptr_from_skb(skb, 0, &ptr))
        return 0;
    head = bpf_dynptr_slice(&ptr, 0, buffer, sizeof(buffer));
    if (!head)
        return 0;
    out = head[0] + head[3];
    rw = bpf_dynptr_slice_rdwr(&ptr, 0, (void *)0, 8);
    if (rw)
        rw[1] = out;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
