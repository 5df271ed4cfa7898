// case: a field of a ring-buffer record is written after bpf_ringbuf_submit handed the record to user space
// kernel: reject
// expect: ref.use_after_release @ line 35
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]

static void *(*bpf_ringbuf_reserve)(void *ringbuf, __u64 size, __u64 flags) = (void *)131;
static void (*bpf_ringbuf_submit)(void *data, __u64 flags) = (void *)132;
static __u64 (*bpf_ktime_get_ns)(void) = (void *)5;

struct event {
    __u64 when;
    __u32 len;
    __u32 flags;
};

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 4096);
} events SEC(".maps");

SEC("tc")
int tc_report(struct __sk_buff *skb)
{
    struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

    if (!e)
        return 0;
    e->when = bpf_ktime_get_ns();
    e->len = skb->len;
    bpf_ringbuf_submit(e, 0);
    e->flags = 1;
    return 0;
}

char _license[] SEC("license") = "GPL";
