// case: bpf_ktime_get_coarse_ns (Linux 5.11) timestamps packets in a tc program, checked against a 5.15 target kernel
// args: --kernel 5.15
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))

static __u64 (*bpf_ktime_get_coarse_ns)(void) = (void *)160;

__u64 last_seen;

SEC("tc")
int tc_stamp(struct __sk_buff *skb) {
    __u64 now = bpf_ktime_get_coarse_ns();
    if (now - last_seen > 1000000000ULL)
        last_seen = now;
    return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
