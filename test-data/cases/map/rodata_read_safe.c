// case: reading `const volatile` configuration from .rodata (set by the loader before load) is allowed
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

const volatile __u32 drop_mark = 0;
const volatile __u8 enabled = 1;

SEC("tc")
int tc_filter(struct __sk_buff *skb) {
    if (!enabled)
        return 0;
    if (skb->mark == drop_mark)
        return 2;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
