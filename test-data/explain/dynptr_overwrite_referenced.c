// case: a ring buffer dynptr (a reference that must be submitted or discarded) is overwritten on the stack before it is released
// kernel: reject
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
static long (*bpf_ringbuf_reserve_dynptr)(void *ringbuf, __u32 size, __u64 flags, struct bpf_dynptr *ptr) = (void *)198;
static void (*bpf_ringbuf_discard_dynptr)(struct bpf_dynptr *ptr, __u64 flags) = (void *)200;
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
SEC("xdp")
int clobber(struct xdp_md *ctx)
{
    struct bpf_dynptr ptr;
    bpf_ringbuf_reserve_dynptr(&rb, 64, 0, &ptr);
    *(volatile __u64 *)&ptr = 0;
    bpf_ringbuf_discard_dynptr(&ptr, 0);
    return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
