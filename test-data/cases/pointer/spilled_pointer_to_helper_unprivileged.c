// case: without CAP_PERFMON a helper may not read stack bytes that hold a spilled pointer (here the frame pointer, passed as a map key): check_stack_range_initialized, invalid indirect read from stack
// type: socket_filter
// args: --unprivileged
// expect: pointer.leak @ insn 5
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct {
    int (*type)[BPF_MAP_TYPE_HASH];
    int (*max_entries)[4];
    long long *key;
    long long *value;
} table SEC(".maps");

SEC("socket")
__attribute__((naked)) int spilled_pointer_as_key_unpriv(void)
{
    asm volatile("*(u64 *)(r10 - 8) = r10;"
                 "r2 = r10;"
                 "r2 += -8;"
                 "r1 = %[table] ll;"
                 "call 1;"
                 "r0 = 0;"
                 "exit;" ::[table] "i"(&table)
                 : "r0", "r1", "r2", "r3", "r4", "r5");
}

char LICENSE[] SEC("license") = "GPL";
