// case: an XDP program calls a metadata kfunc, which only a device-bound program may (bpf_dev_bound_kfunc_check)
// kernel: reject
// requires: kernel-btf
// expect: helper.not_for_type @ line 15
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern int bpf_xdp_metadata_rx_timestamp(const struct xdp_md *ctx, __u64 *timestamp) __ksym;

SEC("xdp")
int rx_timestamp(struct xdp_md *ctx)
{
    __u64 timestamp = 0;

    bpf_xdp_metadata_rx_timestamp(ctx, &timestamp);
    return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
