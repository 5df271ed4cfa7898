// case: a kprobe program (not sleepable) calls bpf_copy_from_user, whose proto might sleep
// kernel: reject
// expect: helper.not_for_type @ line 15
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

static long (*bpf_copy_from_user)(void *dst, __u32 size, const void *user_ptr) = (void *)148;
__u64 user_ptr;

SEC("kprobe/do_nanosleep")
int copy_in_kprobe(void *ctx)
{
    int value = 0;

    bpf_copy_from_user(&value, sizeof(value), (void *)user_ptr);
    return value;
}
char _license[] SEC("license") = "GPL";
