// case: the same bpf_ktime_get_coarse_ns call checked against a 5.10 target kernel: the helper first appeared in Linux 5.11
// args: --kernel 5.10
// kernel: accept
// kernel-differs: the target is Linux 5.10 (--kernel 5.10), which has no bpf_ktime_get_coarse_ns (helper 160, added in 5.11); the running kernel is newer and accepts the call
// expect: helper.unavailable @ line 17
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
