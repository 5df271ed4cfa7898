// case: a tp_btf/signal_deliver program copies info->si_code with bpf_probe_read_kernel, the way to read an argument the kernel hands over as a number because it may hold an ERR_PTR (raw_tp_null_args): the helper takes any address and fails safely on a bad one
// kernel: accept
// requires: kernel-btf
// args: --kernel 6.18
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct kernel_siginfo {
    int si_signo;
    int si_errno;
    int si_code;
} __attribute__((preserve_access_index));
static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *src) = (void *)113;
int code;
SEC("tp_btf/signal_deliver")
int copy_code(unsigned long long *ctx)
{
    struct kernel_siginfo *info = (struct kernel_siginfo *)ctx[1];
    int value = 0;

    bpf_probe_read_kernel(&value, sizeof(value), &info->si_code);
    code = value;
    return 0;
}
char _license[] SEC("license") = "GPL";
