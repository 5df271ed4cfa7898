// case: bpf_strncmp's .rodata string has no NUL before the map's end: "string is not zero-terminated"
// kernel: reject
// expect: helper.arg_type @ line 14
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

static long (*bpf_strncmp)(const char *s1, __u32 s1_sz, const char *s2) = (void *)182;
char name[8];
const char target[4] = {'a', 'b', 'c', 'd'};

SEC("tracepoint/syscalls/sys_enter_nanosleep")
int strncmp_unterminated(void *ctx)
{
    return bpf_strncmp(name, sizeof(name), target) == 0;
}
char _license[] SEC("license") = "GPL";
