// case: bpf_strncmp's string is in .data, which the program may write: check_reg_const_str wants a read-only map
// kernel: reject
// expect: helper.arg_type @ line 15
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

static long (*bpf_strncmp)(const char *s1, __u32 s1_sz, const char *s2) = (void *)182;
char name[8];
char target[8] = "hello";

SEC("tracepoint/syscalls/sys_enter_nanosleep")
int strncmp_writable(void *ctx)
{
    target[0] = 'j';
    return bpf_strncmp(name, sizeof(name), target) == 0;
}
char _license[] SEC("license") = "GPL";
