// case: seven global functions called one inside the other from the program: eight frames, the most check_max_stack_depth_subprog allows
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define GLOBAL __attribute__((noinline))

GLOBAL int f1(struct __sk_buff *skb) { return skb->len; }
GLOBAL int f2(struct __sk_buff *skb)
{
    return f1(skb) + 1;
}
GLOBAL int f3(struct __sk_buff *skb) { return f2(skb) + 1; }
GLOBAL int f4(struct __sk_buff *skb) { return f3(skb) + 1; }
GLOBAL int f5(struct __sk_buff *skb) { return f4(skb) + 1; }
GLOBAL int f6(struct __sk_buff *skb) { return f5(skb) + 1; }
GLOBAL int f7(struct __sk_buff *skb) { return f6(skb) + 1; }

SEC("tc")
int eight_frames(struct __sk_buff *skb)
{
    return f7(skb) ? 0 : 1;
}
char _license[] SEC("license") = "GPL";
