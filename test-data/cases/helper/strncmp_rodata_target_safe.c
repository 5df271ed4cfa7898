// case: bpf_strncmp compares with a NUL-terminated string of .rodata (ARG_PTR_TO_CONST_STR)
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

static long (*bpf_strncmp)(const char *s1, __u32 s1_sz, const char *s2) = (void *)182;
char name[8];
const char target[8] = "hello";

SEC("tracepoint/syscalls/sys_enter_nanosleep")
int strncmp_rodata(void *ctx)
{
    return bpf_strncmp(name, sizeof(name), target) == 0;
}
char _license[] SEC("license") = "GPL";
