// case: a kprobe calls bpf_redirect, a networking helper tracing programs cannot call
// kernel: reject
// expect: helper.not_for_type @ line 12
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_redirect)(__u32 ifindex, __u64 flags) = (void *)23;

SEC("kprobe/dev_queue_xmit")
int probe_xmit(void *ctx) {
    bpf_redirect(1, 0);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
