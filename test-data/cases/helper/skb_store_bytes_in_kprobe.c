// case: a kprobe calls bpf_skb_store_bytes on the context, a helper only __sk_buff programs (tc, lwt) may call
// kernel: reject
// expect: helper.not_for_type @ line 13
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_skb_store_bytes)(void *skb, __u32 offset, const void *from, __u32 len, __u64 flags) = (void *)9;

SEC("kprobe/ip_rcv")
int probe_ip_rcv(void *ctx) {
    __u8 tos = 0;
    bpf_skb_store_bytes(ctx, 15, &tos, 1, 0);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
