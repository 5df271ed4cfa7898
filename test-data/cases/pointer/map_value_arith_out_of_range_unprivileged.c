// case: without CAP_BPF a map value pointer may not be moved past its value, even if it is moved back before the access: the kernel masks pointer arithmetic against Spectre v1 only inside the value (sanitize_check_bounds: R0 pointer arithmetic of map value goes out of range, prohibited for !root)
// type: socket_filter
// args: --unprivileged
// expect: pointer.arithmetic @ insn 9
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
__attribute__((naked)) int map_value_past_end_unpriv(void)
{
    asm volatile("r1 = 0;"
                 "*(u64 *)(r10 - 8) = r1;"
                 "r2 = r10;"
                 "r2 += -8;"
                 "r1 = %[values] ll;"
                 "call 1;"
                 "if r0 == 0 goto 1f;"
                 "r1 = 48;"
                 "r0 += r1;"
                 "r0 -= r1;"
                 "r0 = *(u8 *)(r0 + 0);"
                 "1: r0 = 0;"
                 "exit;" ::[values] "i"(&values)
                 : "r0", "r1", "r2", "r3", "r4", "r5");
}

char LICENSE[] SEC("license") = "GPL";
