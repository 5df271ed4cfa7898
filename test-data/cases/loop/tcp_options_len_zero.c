// case: a loop over TCP options whose cursor advances by the option's length byte, which may be 0: it need not terminate (the kernel walks it until the cursor's range exceeds what a packet pointer may hold, then refuses the read); bpfcheck answers at once
// kernel: reject
// expect: packet.bounds @ line 27
// expect: packet.bounds @ line 35
// expect: loop.unbounded @ line 26
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/in.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp")
int xdp_tcp_opts_len_zero(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    struct iphdr *iph = (void *)(eth + 1);
    struct tcphdr *tcp = (void *)(iph + 1);

    if ((void *)(tcp + 1) > data_end)
        return XDP_PASS;
    unsigned char *opt = (void *)(tcp + 1);
    while ((void *)(opt + 2) <= data_end) {
        if (opt[0] == 0)
            break;
        if (opt[0] == 1) {
            opt++;
            continue;
        }
        if (opt[0] == 2)
            return XDP_DROP;
        opt += opt[1];
    }
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
