// case: the exception callback's return value is the program's: returning the cookie is not within cgroup_skb's [0, 1] (check_return_code, in_exception_callback_fn)
// kernel: reject
// expect: exit.return_range @ line 12
// requires: exception-callback
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __exception_cb(name) __attribute__((btf_decl_tag("exception_callback:" #name)))
extern void bpf_throw(__u64 cookie) __ksym;
__attribute__((noinline)) int on_throw(__u64 cookie)
{
    return cookie;
}
SEC("cgroup_skb/ingress")
__exception_cb(on_throw)
int throws_to_callback(struct __sk_buff *skb)
{
    if (skb->len > 1000)
        bpf_throw(7);
    return 1;
}
char _license[] SEC("license") = "GPL";
