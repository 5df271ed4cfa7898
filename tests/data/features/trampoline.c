// Does the running kernel load fentry programs (a BPF trampoline: x86-64
// needs CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS, and some builds or
// lockdown refuse with EPERM before the verifier runs)? The test runners
// load this with kernel_verdict (tests/data/cases.py:
// running_kernel_features); cases that `requires: trampoline` (fentry,
// fexit and fmod_ret programs) are compared with the kernel only where it
// loads.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("fentry/bpf_fentry_test1")
int fentry_probe(unsigned long long *ctx)
{
    return ctx[0] == 1 ? 0 : 0;
}

char LICENSE[] SEC("license") = "GPL";
