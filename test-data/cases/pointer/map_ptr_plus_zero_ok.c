// case: adding a known 0 to a map pointer (`r1 += r0` with r0 = 0) before bpf_map_lookup_elem: adjust_ptr_min_max_vals lets CONST_PTR_TO_MAP take a known zero addend, and the result is still the map
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct {
    int (*type)[BPF_MAP_TYPE_HASH];
    int (*max_entries)[4];
    long long *key;
    long long *value;
} table SEC(".maps");

SEC("socket")
__attribute__((naked)) int map_ptr_plus_zero(void)
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
