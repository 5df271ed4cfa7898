// case: a ring-buffer dynptr is submitted only for long packets: on the other path its reservation is never released
// kernel: reject
// expect: ref.leak @ line 23
//
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
static long (*bpf_ringbuf_reserve_dynptr)(void *ringbuf, __u32 size, __u64 flags, struct bpf_dynptr *ptr) = (void *)198;
static long (*bpf_dynptr_write)(const struct bpf_dynptr *dst, __u32 offset, void *src, __u32 len, __u64 flags) = (void *)202;
static void (*bpf_ringbuf_submit_dynptr)(struct bpf_dynptr *ptr, __u64 flags) = (void *)199;
static void (*bpf_ringbuf_discard_dynptr)(struct bpf_dynptr *ptr, __u64 flags) = (void *)200;
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
SEC("tc")
int tc_dyn(struct __sk_buff *skb)
{
    struct bpf_dynptr ptr;
    __u32 len = skb->len;
    if (bpf_ringbuf_reserve_dynptr(&rb, 16, 0, &ptr)) { bpf_ringbuf_discard_dynptr(&ptr, 0); return 0; }
    bpf_dynptr_write(&ptr, 0, &len, sizeof(len), 0);
    if (len > 64)
        bpf_ringbuf_submit_dynptr(&ptr, 0);
    return 0;
}
char _license[] SEC("license") = "GPL";
