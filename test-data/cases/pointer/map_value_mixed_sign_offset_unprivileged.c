// case: without CAP_BPF a register offset whose sign is unknown cannot be masked against Spectre v1, so the kernel refuses the addition even though the access is checked after it (sanitize_ptr_alu: R1 has unknown scalar with mixed signed bounds, pointer arithmetic with it prohibited for !root)
// type: socket_filter
// args: --unprivileged
// expect: pointer.arithmetic @ insn 12
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct {
    int (*type)[BPF_MAP_TYPE_ARRAY];
    int (*max_entries)[1];
    int *key;
    char (*value)[48];
} values SEC(".maps");

SEC("socket")
__attribute__((naked)) int map_value_signed_index_unpriv(void)
{
    asm volatile("r1 = 0;"
                 "*(u64 *)(r10 - 8) = r1;"
                 "r2 = r10;"
                 "r2 += -8;"
                 "r1 = %[values] ll;"
                 "call 1;"
                 "if r0 == 0 goto 1f;"
                 "r0 += 16;"
                 "r1 = *(u8 *)(r0 + 0);"
                 "r1 &= 15;"
                 "r1 += -8;"
                 "r0 += r1;"
                 "r0 = *(u8 *)(r0 + 0);"
                 "1: r0 = 0;"
                 "exit;" ::[values] "i"(&values)
                 : "r0", "r1", "r2", "r3", "r4", "r5");
}

char LICENSE[] SEC("license") = "GPL";
