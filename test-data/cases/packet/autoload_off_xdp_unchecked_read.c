// case: SEC("?xdp") (autoload off) is typed xdp as libbpf types it: the unchecked packet read is packet.bounds
// expect: packet.bounds @ line 14
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("?xdp")
int xdp_autoload_off(struct xdp_md *ctx)
{
    unsigned char *data = (unsigned char *)(long)ctx->data;

    /* no data + 1 <= data_end check */
    return data[0] == 0x45 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
