// case: an fentry program on tcp_v4_destroy_sock calls bpf_sock_destroy: the kfunc set is registered for tracing programs, but its filter (tracing_iter_filter) admits only iterators ("calling kernel function bpf_sock_destroy is not allowed")
// kernel: reject
// requires: kernel-btf, trampoline
// expect: helper.not_for_type @ line 14
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct sock_common { unsigned short skc_family; };
extern int bpf_sock_destroy(struct sock_common *sk) __ksym;
SEC("fentry/tcp_v4_destroy_sock")
int destroy_again(unsigned long long *ctx)
{
    struct sock_common *sk = (struct sock_common *)ctx[0];
    bpf_sock_destroy(sk);
    return 0;
}
char _license[] SEC("license") = "GPL";
