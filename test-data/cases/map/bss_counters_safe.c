// case: global counters in .bss and a global table in .data are read and written at constant offsets
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 seen = 0;
__u64 dropped = 0;
__u32 verdict_of_proto[4] = {XDP_PASS, XDP_PASS, XDP_DROP, XDP_PASS};

SEC("xdp")
int xdp_count(struct xdp_md *ctx) {
    __sync_fetch_and_add(&seen, 1);
    __u32 verdict = verdict_of_proto[2];
    if (verdict == XDP_DROP)
        dropped++;
    return verdict;
}

char LICENSE[] SEC("license") = "GPL";
