// case: a syscall program writes 4 bytes at offset 2 of its context: syscall_prog_is_valid_access allows writes only at offsets aligned to their size
// expect: ctx.bad_access @ line 11
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("syscall")
int write_misaligned(void *ctx)
{
    *(volatile __u32 *)((char *)ctx + 2) = 1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
