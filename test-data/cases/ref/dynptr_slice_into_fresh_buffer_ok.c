// case: bpf_dynptr_slice with an uninitialised stack buffer (libbpf-bootstrap's capture_xdp_data: `char buf[128]; bpf_dynptr_slice(&dp, off, buf, sizeof(buf))`): the kfunc copies the slice into the buffer when it cannot point into the data, so nothing reads what was there; the kernel types the buffer as read memory, which a loader with CAP_PERFMON may leave uninitialised: no error, and no warning
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

extern int bpf_dynptr_from_skb(struct __sk_buff *s, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym __attribute__((weak));
extern void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt, __u32 buffer__szk) __ksym __attribute__((weak));

SEC("tc")
int first_byte(struct __sk_buff *skb) {
    struct bpf_dynptr ptr;
    unsigned char buffer[16];
    if (bpf_dynptr_from_skb(skb, 0, &ptr))
        return 1;
    unsigned char *data = bpf_dynptr_slice(&ptr, 0, buffer, sizeof(buffer));
    return data ? data[0] : 0;
}

char LICENSE[] SEC("license") = "GPL";
