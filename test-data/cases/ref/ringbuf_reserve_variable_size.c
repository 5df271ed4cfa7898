// case: a ring buffer record is reserved with the payload length as its size; bpf_ringbuf_reserve needs a constant size
// kernel: reject
// expect: helper.arg_type @ line 26
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_ringbuf_reserve)(void *ringbuf, __u64 size, __u64 flags) = (void *)131;
static void (*bpf_ringbuf_submit)(void *data, __u64 flags) = (void *)132;

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 1 << 16);
} samples SEC(".maps");

SEC("tc")
int tc_sample(struct __sk_buff *skb) {
    __u32 len = skb->len;
    if (len > 128)
        len = 128;
    if (len < 1)
        return 0;
    /* a padding record as long as the packet (up to 128 bytes): the consumer only counts bytes */
    void *rec = bpf_ringbuf_reserve(&samples, len, 0);
    if (rec)
        bpf_ringbuf_submit(rec, 0);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
