// case: the same moves of a map value pointer are fine without CAP_BPF while the pointer stays inside the value (sanitize_check_bounds, retrieve_ptr_limit)
// type: socket_filter
// args: --unprivileged
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct {
    int (*type)[BPF_MAP_TYPE_ARRAY];
    int (*max_entries)[1];
    int *key;
    char (*value)[48];
} values SEC(".maps");

SEC("socket")
__attribute__((naked)) int map_value_inside_unpriv(void)
{
    asm volatile("r1 = 0;"
                 "*(u64 *)(r10 - 8) = r1;"
                 "r2 = r10;"
                 "r2 += -8;"
                 "r1 = %[values] ll;"
                 "call 1;"
                 "if r0 == 0 goto 1f;"
                 "r1 = 47;"
                 "r0 += r1;"
                 "r0 -= r1;"
                 "r0 = *(u8 *)(r0 + 0);"
                 "1: r0 = 0;"
                 "exit;" ::[values] "i"(&values)
                 : "r0", "r1", "r2", "r3", "r4", "r5");
}

char LICENSE[] SEC("license") = "GPL";
