// case: bpf_map_update_elem with a number as flags and stack pointers as key and value is fine without CAP_PERFMON
// type: socket_filter
// args: --unprivileged
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
__attribute__((naked)) int number_as_flags_unpriv(void)
{
    asm volatile("r1 = 0;"
                 "*(u64 *)(r10 - 8) = r1;"
                 "r2 = r10;"
                 "r2 += -8;"
                 "r1 = %[table] ll;"
                 "r3 = r2;"
                 "r4 = 0;"
                 "call 2;"
                 "r0 = 0;"
                 "exit;" ::[table] "i"(&table)
                 : "r0", "r1", "r2", "r3", "r4", "r5");
}

char LICENSE[] SEC("license") = "GPL";
