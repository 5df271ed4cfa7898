// case: an fentry program passes its sk_buff argument to bpf_dynptr_from_skb: fentry arguments are plain kernel pointers (prog_args_trusted), and the kfunc is KF_TRUSTED_ARGS ("R1 must be referenced or trusted")
// kernel: reject
// requires: kernel-btf, trampoline
// expect: helper.arg_type @ line 14
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern int bpf_dynptr_from_skb(struct __sk_buff *skb, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
SEC("fentry/skb_tx_error")
int skb_argument(unsigned long long *ctx)
{
    struct bpf_dynptr ptr;

    bpf_dynptr_from_skb((struct __sk_buff *)ctx[0], 0, &ptr);
    return 0;
}
char _license[] SEC("license") = "GPL";
