// case: a raw tracepoint program reads the per-CPU variable bpf_prog_active through its typed ksym; a kernel whose symbol table does not list it (built without CONFIG_KALLSYMS_ALL) refuses the program before verifying it: "ldimm64 failed to find the address for kernel symbol 'bpf_prog_active'" (catalog.txt skips the test where /proc/kallsyms lists it)
// kernel: reject
// requires: kernel-btf
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
extern const int bpf_prog_active __attribute__((section(".ksyms")));
static void *(*bpf_this_cpu_ptr)(const void *percpu_ptr) = (void *)154;
SEC("raw_tp/sys_enter")
int read_active(void *ctx)
{
    const int *active = bpf_this_cpu_ptr(&bpf_prog_active);
    return *active > 1;
}
char _license[] SEC("license") = "GPL";
