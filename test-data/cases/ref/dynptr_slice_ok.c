// case: a NULL-checked bpf_dynptr_data slice is read and written within its length, before the ring-buffer dynptr is submitted (a NULL slice leaves the dynptr reserved)
// kernel: accept
// expect: pass
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

SEC("xdp")
int dyn(struct xdp_md *ctx) {
    struct bpf_dynptr ptr;
    __u64 *slice;
    bpf_ringbuf_reserve_dynptr(&rb, 16, 0, &ptr);
    slice = bpf_dynptr_data(&ptr, 0, 16);
    if (slice) {
        slice[1] = slice[0] + 1;
        out = slice[1];
    }
    bpf_ringbuf_submit_dynptr(&ptr, 0);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
