// case: a sleepable uprobe program (SEC("uprobe.s"): libbpf loads it with BPF_F_SLEEPABLE) calls bpf_copy_from_user
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

static long (*bpf_copy_from_user)(void *dst, __u32 size, const void *user_ptr) = (void *)148;
__u64 user_ptr;

SEC("uprobe.s")
int copy_in_sleepable_uprobe(void *ctx)
{
    int value = 0;

    bpf_copy_from_user(&value, sizeof(value), (void *)user_ptr);
    return value;
}
char _license[] SEC("license") = "GPL";
