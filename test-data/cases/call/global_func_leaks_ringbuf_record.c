// case: a global function reserves a ring-buffer record and returns without submitting it: verified on its own, that is a leak
// kernel: reject
// expect: ref.leak @ line 24
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]

static void *(*bpf_ringbuf_reserve)(void *ringbuf, __u64 size, __u64 flags) = (void *)131;

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 4096);
} events SEC(".maps");

__attribute__((noinline)) int reserve_event(__u32 len)
{
    __u32 *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

    if (!e)
        return 0;
    return len;
}

SEC("tc")
int tc_report(struct __sk_buff *skb)
{
    return reserve_event(skb->len) & 1;
}

char _license[] SEC("license") = "GPL";
