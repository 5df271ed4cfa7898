// case: the exception callback runs only when the program throws: a call of it is refused (check_max_stack_depth, "cannot call exception cb directly")
// kernel: reject
// expect: call.exception_callback @ line 21
// requires: exception-callback
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __exception_cb(name) __attribute__((btf_decl_tag("exception_callback:" #name)))
extern void bpf_throw(__u64 cookie) __ksym;
__attribute__((noinline)) int on_throw(__u64 cookie)
{
    return cookie & 1;
}
SEC("tc")
__exception_cb(on_throw)
int throws_to_callback(struct __sk_buff *skb)
{
    if (skb->len > 1000)
        bpf_throw(7);
    // called as a function too
    return on_throw(skb->len);
}
char _license[] SEC("license") = "GPL";
