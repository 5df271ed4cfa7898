// case: a socket filter tries to strip a header with bpf_xdp_adjust_head, a helper only XDP programs may call
// kernel: reject
// expect: helper.not_for_type @ line 13
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_xdp_adjust_head)(void *xdp_md, int delta) = (void *)44;

SEC("socket")
int strip_vlan(struct __sk_buff *skb) {
    if (skb->vlan_present)
        bpf_xdp_adjust_head(skb, 4);
    return skb->len;
}

char LICENSE[] SEC("license") = "GPL";
