// case: a kprobe program (not sleepable) calls bpf_copy_from_user_str, a KF_SLEEPABLE kfunc
// kernel: reject
// requires: kernel-btf
// expect: helper.not_for_type @ line 17
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern int bpf_copy_from_user_str(void *dst, __u32 dst__sz, const void *unsafe_ptr__ign, __u64 flags) __ksym;

__u64 user_ptr;

SEC("kprobe/do_nanosleep")
int copy_str_in_kprobe(void *ctx)
{
    char buf[16];

    return bpf_copy_from_user_str(buf, sizeof(buf), (void *)user_ptr, 0);
}
char _license[] SEC("license") = "GPL";
