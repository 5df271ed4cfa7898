// case: bpf_dynptr_from_xdp in a tc program: its kfunc set is registered for xdp programs only ("calling kernel function bpf_dynptr_from_xdp is not allowed")
// kernel: reject
// expect: helper.not_for_type @ line 24
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __ksym __attribute__((section(".ksyms")))

static long (*bpf_ringbuf_reserve_dynptr)(void *ringbuf, __u32 size, __u64 flags, struct bpf_dynptr *ptr) = (void *)198;
static void (*bpf_ringbuf_submit_dynptr)(struct bpf_dynptr *ptr, __u64 flags) = (void *)199;
static long (*bpf_dynptr_from_mem)(void *data, __u32 size, __u64 flags, struct bpf_dynptr *ptr) = (void *)197;
static void *(*bpf_dynptr_data)(const struct bpf_dynptr *ptr, __u32 offset, __u32 len) = (void *)203;
extern int bpf_dynptr_from_xdp(struct xdp_md *x, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym __attribute__((weak));
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *p) __ksym __attribute__((weak));

struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
__u64 buf[4];
__u64 out;

SEC("tc")
int dyn(struct __sk_buff *skb) {
    struct bpf_dynptr ptr;
    bpf_dynptr_from_xdp((struct xdp_md *)skb, 0, &ptr);
    out = bpf_dynptr_size(&ptr);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
