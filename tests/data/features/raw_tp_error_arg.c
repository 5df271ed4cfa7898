// Does the running kernel hand a tp_btf program the raw tracepoint arguments
// that may hold an ERR_PTR as numbers (btf_ctx_access, raw_tp_null_args:
// "marking pointer arg1 as scalar as it may encode error"; signal_deliver's
// info on Linux 6.18)? The test runners load this with kernel_verdict
// (tests/data/cases.py: running_kernel_features); cases that
// `requires: raw-tp-error-args` are compared with the kernel only where it
// refuses this read through the argument.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct kernel_siginfo {
    int si_code;
} __attribute__((preserve_access_index));

SEC("tp_btf/signal_deliver")
int raw_tp_error_arg_probe(unsigned long long *ctx)
{
    struct kernel_siginfo *info = (struct kernel_siginfo *)ctx[1];
    return info->si_code == 1;
}

char LICENSE[] SEC("license") = "GPL";
