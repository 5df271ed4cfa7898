// Does the running kernel load BPF LSM programs (CONFIG_BPF_LSM, and "bpf"
// among the active LSMs; elsewhere the load fails before the verifier
// runs)? The test runners load this with kernel_verdict (tests/data/cases.py:
// running_kernel_features); cases that `requires: bpf-lsm` are compared
// with the kernel only where it loads.
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("lsm/file_open")
int lsm_probe(unsigned long long *ctx)
{
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
