// case: a tp_btf/signal_deliver program reads info->si_code straight from its kernel_siginfo argument, which the kernel lists as one that may hold an ERR_PTR (raw_tp_null_args): it hands the argument over as a number ("marking pointer arg1 as scalar as it may encode error"), and the read goes through a number: "R2 invalid mem access 'scalar'" (Falco's signal_deliver)
// kernel: reject
// requires: kernel-btf, raw-tp-error-args
// args: --kernel 6.18
// expect: pointer.not_pointer @ line 19
// explains: R1 is argument 1 (struct kernel_siginfo *) of tp_btf/signal_deliver, which the kernel hands over as a number
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct kernel_siginfo {
    int si_signo;
    int si_errno;
    int si_code;
} __attribute__((preserve_access_index));
int code;
SEC("tp_btf/signal_deliver")
int read_code(unsigned long long *ctx)
{
    struct kernel_siginfo *info = (struct kernel_siginfo *)ctx[1];
    code = info->si_code;
    return 0;
}
char _license[] SEC("license") = "GPL";
