// case: a map lookup's result compared with a register holding 0 (`if r0 == r6`, r6 = 0: bpf-gcc's code for `if (!v)`, e.g. coroot's inet_sock_set_state) instead of the immediate 0: the kernel turns a maybe-NULL pointer into NULL or a valid pointer only on a comparison with the immediate 0 (check_cond_jmp_op), so the load on the other branch is through a pointer still maybe NULL
// kernel: reject
// expect: null.deref @ line 19
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16);
    __type(key, __u32);
    __type(value, __u64);
} counts SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getpid")
__attribute__((naked)) int count_getpid(void *ctx)
{
    asm volatile("r6 = 0; *(u32 *)(r10 - 4) = r6; r2 = r10; r2 += -4; r1 = %[counts] ll;"
                 "call %[lookup];"
                 "if r0 == r6 goto 1f; r0 = *(u64 *)(r0 + 0);"
                 "1: r0 = 0; exit;" ::[counts] "i"(&counts),
                 [lookup] "i"(BPF_FUNC_map_lookup_elem)
                 : "memory");
}

char LICENSE[] SEC("license") = "GPL";
