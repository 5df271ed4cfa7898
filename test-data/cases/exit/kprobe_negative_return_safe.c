// case: a kprobe program's return value is ignored by the kernel, so any value (here -1) is allowed
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;

SEC("kprobe/do_unlinkat")
int probe_unlink(void *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) == 1)
        return -1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
