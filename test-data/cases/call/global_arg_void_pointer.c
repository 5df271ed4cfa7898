// case: a global function takes an untagged void * parameter: the kernel cannot size the memory it points to and refuses the function
// kernel: reject
// expect: call.global_arg @ line 14
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
__attribute__((noinline)) int first_byte(void *p)
{
    return *(unsigned char *)p;
}
SEC("tc")
int pass_void(struct __sk_buff *skb)
{
    __u64 local = skb->len;
    return first_byte(&local) > 0;
}
char _license[] SEC("license") = "GPL";
