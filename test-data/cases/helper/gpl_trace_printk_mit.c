// case: a kprobe prints a debug line with bpf_trace_printk, which is GPL-only, under the "MIT" license
// kernel: reject
// expect: helper.gpl_only @ line 14
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_trace_printk)(const char *fmt, __u32 fmt_size, ...) = (void *)6;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;

SEC("kprobe/do_sys_openat2")
int probe_open(void *ctx) {
    char fmt[] = "open by %d\n";
    bpf_trace_printk(fmt, sizeof(fmt), (__u32)(bpf_get_current_pid_tgid() >> 32));
    return 0;
}

char LICENSE[] SEC("license") = "MIT";
