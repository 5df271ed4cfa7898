// case: an exception callback of one integer argument returning a value in cgroup_skb's [0, 1]; the cookie 7 is not the return value then
// kernel: accept
// expect: pass
// requires: exception-callback
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __exception_cb(name) __attribute__((btf_decl_tag("exception_callback:" #name)))
extern void bpf_throw(__u64 cookie) __ksym;
__attribute__((noinline)) int on_throw(__u64 cookie)
{
    return cookie == 7;
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
