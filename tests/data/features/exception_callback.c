// Does the loader the test runners use append a program's exception
// callback (__exception_cb: libbpf 1.3 on appends it, bpf_prog_assign_exc_cb;
// before, the kernel finds "exception callback type id not found in
// func_info") and does the kernel take it (Linux 6.7 on)? Loaded with
// kernel_verdict (tests/data/cases.py: running_kernel_features); cases that
// `requires: exception-callback` are compared with the kernel only where it loads.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

extern void bpf_throw(__u64 cookie) __ksym;

__attribute__((noinline)) int on_throw(__u64 cookie)
{
    return cookie == 1;
}

SEC("tc")
__attribute__((btf_decl_tag("exception_callback:on_throw")))
int exception_callback_probe(struct __sk_buff *skb)
{
    if (skb->len > 1000)
        bpf_throw(1);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
