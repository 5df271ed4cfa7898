// case: an XDP program passes its packet's Ethernet header straight to bpf_perf_event_output; the helper's proto has no pkt_access, so the kernel refuses a packet pointer as any of its arguments (copy the bytes to the stack first, or put the length in the flags' upper half and let the helper copy the packet)
// kernel: reject
// expect: helper.arg_type @ line 24
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]

static long (*bpf_perf_event_output)(void *ctx, void *map, __u64 flags, void *data, __u64 size) = (void *)25;

struct {
    __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
    __uint(key_size, sizeof(int));
    __uint(value_size, sizeof(int));
} events SEC(".maps");

SEC("xdp")
int xdp_sample(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;

    if (data + 14 > data_end)
        return XDP_PASS;
    bpf_perf_event_output(ctx, &events, 0xffffffffULL, data, 14);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
