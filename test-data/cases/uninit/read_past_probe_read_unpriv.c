// case: as read_past_probe_read.c but as an unprivileged socket filter: reading stack bytes never written is an error without CAP_PERFMON
// args: --unprivileged
// expect: uninit.stack @ insn 10
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_skb_load_bytes)(const void *skb, __u32 offset, void *to, __u32 len) = (void *)26;

SEC("socket")
int sock_check_magic(struct __sk_buff *skb)
{
    char hdr[16];

    if (bpf_skb_load_bytes(skb, 0, hdr, 8) < 0)
        return 0;
    return hdr[12] == 'x' ? -1 : 0; // <-- only hdr[0..7] were written
}

char LICENSE[] SEC("license") = "GPL";
