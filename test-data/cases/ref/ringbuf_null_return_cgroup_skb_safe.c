// case: a cgroup_skb program returns 1 after a failed ring buffer reserve; clang reuses the NULL in R0 as the return value 0 on that path
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_ringbuf_reserve)(void *ringbuf, __u64 size, __u64 flags) = (void *)131;
static void (*bpf_ringbuf_submit)(void *data, __u64 flags) = (void *)132;

struct pkt_event {
    __u32 len;
    __u32 mark;
};

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 4096);
} events SEC(".maps");

SEC("cgroup_skb/ingress")
int ingress_log(struct __sk_buff *skb) {
    struct pkt_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
    if (!e)
        return 0; /* fail closed when the log is full */
    e->len = skb->len;
    e->mark = skb->mark;
    bpf_ringbuf_submit(e, 0);
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
