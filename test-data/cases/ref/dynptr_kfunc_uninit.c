// case: bpf_dynptr_size on a zeroed struct bpf_dynptr that no helper or kfunc initialised (process_dynptr_func: "Expected an initialized dynptr as arg #0")
// kernel: reject
// expect: helper.arg_type @ line 24
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __ksym __attribute__((section(".ksyms")))

static long (*bpf_ringbuf_reserve_dynptr)(void *ringbuf, __u32 size, __u64 flags, struct bpf_dynptr *ptr) = (void *)198;
static void (*bpf_ringbuf_submit_dynptr)(struct bpf_dynptr *ptr, __u64 flags) = (void *)199;
static long (*bpf_dynptr_from_mem)(void *data, __u32 size, __u64 flags, struct bpf_dynptr *ptr) = (void *)197;
static long (*bpf_dynptr_read)(void *dst, __u32 len, const struct bpf_dynptr *src, __u32 offset, __u64 flags) = (void *)201;
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *p) __ksym __attribute__((weak));
extern int bpf_dynptr_clone(const struct bpf_dynptr *p, struct bpf_dynptr *clone__uninit) __ksym __attribute__((weak));
extern int bpf_dynptr_from_xdp(struct xdp_md *x, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym __attribute__((weak));

struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
__u64 out;

SEC("xdp")
int dyn(struct xdp_md *ctx) {
    struct bpf_dynptr ptr = {};
    out = bpf_dynptr_size(&ptr);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
