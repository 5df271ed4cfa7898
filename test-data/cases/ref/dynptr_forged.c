// case: bpf_dynptr_write is given 16 stack bytes the program filled itself, not a dynptr a helper initialised
// kernel: reject
// expect: helper.arg_type @ line 19
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
    __builtin_memset(&ptr, 0, sizeof(ptr));
    bpf_dynptr_write(&ptr, 0, &len, sizeof(len), 0);
    return 0;
}
char _license[] SEC("license") = "GPL";
