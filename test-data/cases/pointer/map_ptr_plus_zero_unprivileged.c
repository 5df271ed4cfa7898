// case: without CAP_PERFMON no ALU operation is allowed on a map pointer, not even adding a known 0 (the kernel's pointer sanitation: R1 has pointer with unsupported alu operation)
// type: socket_filter
// args: --unprivileged
// expect: pointer.arithmetic @ insn 6
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
__attribute__((naked)) int map_ptr_plus_zero_unpriv(void)
{
    asm volatile("r0 = 0;"
                 "*(u64 *)(r10 - 8) = r0;"
                 "r2 = r10;"
                 "r2 += -8;"
                 "r1 = %[table] ll;"
                 "r1 += r0;"
                 "call 1;"
                 "r0 = 0;"
                 "exit;" ::[table] "i"(&table)
                 : "r0", "r1", "r2", "r3", "r4", "r5");
}

char LICENSE[] SEC("license") = "GPL";
