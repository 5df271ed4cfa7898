// case: a TC program reads sk_buff fields through bpf_cast_to_kern_ctx (a kernel pointer, never NULL), adding the 4-byte `end` to the 8-byte `head` as skb_shinfo() does
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct sk_buff {
    unsigned int len;
    unsigned char *head;
    unsigned int end;
} __attribute__((preserve_access_index));
extern void *bpf_cast_to_kern_ctx(void *obj) __ksym;
__u64 seen;
SEC("tc")
int shinfo_address(struct __sk_buff *skb)
{
    struct sk_buff *kskb = bpf_cast_to_kern_ctx(skb);
    seen = kskb->len + (__u64)(kskb->head + kskb->end);
    return 0;
}
char _license[] SEC("license") = "GPL";
