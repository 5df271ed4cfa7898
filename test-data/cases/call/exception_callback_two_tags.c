// case: a program may name one exception callback: two __exception_cb() tags are refused ("multiple exception callback tags for main subprog"); libbpf appends neither
// kernel: reject
// expect: call.exception_callback @ line 21
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __exception_cb(name) __attribute__((btf_decl_tag("exception_callback:" #name)))
extern void bpf_throw(__u64 cookie) __ksym;
__attribute__((noinline)) int on_throw(__u64 cookie)
{
    return 0;
}
__attribute__((noinline)) int on_throw_too(__u64 cookie)
{
    return 0;
}
SEC("tc")
__exception_cb(on_throw) __exception_cb(on_throw_too)
int two_callbacks(struct __sk_buff *skb)
{
    if (skb->len > 1000)
        bpf_throw(7);
    return 0;
}
char _license[] SEC("license") = "GPL";
