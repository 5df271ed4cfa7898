// case: one object with an XDP program (SEC("xdp")) and a tc program in a section no convention names (SEC("tc_mark"), which `tc ... sec tc_mark` loads): --type sched_cls names the tc program's type and leaves the XDP program's alone, as the XDP program uses bpf_xdp_adjust_meta and xdp_md fields a classifier does not have (samples/bpf's xdp2skb_meta, whose "xdp_mark" only libbpf before 1.0 typed); both load
// type: sched_cls
// requires: xdp-adjust-meta
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#define SEC(name) __attribute__((section(name), used))
static long (*bpf_xdp_adjust_meta)(struct xdp_md *xdp_md, int delta) = (void *)54;
SEC("xdp")
int mark_in_xdp(struct xdp_md *ctx)
{
    if (bpf_xdp_adjust_meta(ctx, -(int)sizeof(__u32)) < 0)
        return XDP_ABORTED;
    void *data = (void *)(unsigned long)ctx->data;
    __u32 *meta = (void *)(unsigned long)ctx->data_meta;
    if ((void *)(meta + 1) > data)
        return XDP_ABORTED;
    *meta = 42;
    return XDP_PASS;
}
SEC("tc_mark")
int mark_in_tc(struct __sk_buff *skb)
{
    void *data = (void *)(unsigned long)skb->data;
    __u32 *meta = (void *)(unsigned long)skb->data_meta;
    if ((void *)(meta + 1) > data)
        return TC_ACT_OK;
    skb->mark = *meta;
    return TC_ACT_OK;
}
char _license[] SEC("license") = "GPL";
