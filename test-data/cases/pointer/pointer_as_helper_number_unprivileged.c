// case: without CAP_PERFMON a pointer may not be passed where a helper takes a plain number (bpf_map_update_elem's flags): its address would leak (check_func_arg: R4 leaks addr into helper function)
// type: socket_filter
// args: --unprivileged
// expect: pointer.leak @ insn 8
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
__attribute__((naked)) int pointer_as_flags_unpriv(void)
{
    asm volatile("r1 = 0;"
                 "*(u64 *)(r10 - 8) = r1;"
                 "r2 = r10;"
                 "r2 += -8;"
                 "r1 = %[table] ll;"
                 "r3 = r2;"
                 "r4 = r2;"
                 "call 2;"
                 "r0 = 0;"
                 "exit;" ::[table] "i"(&table)
                 : "r0", "r1", "r2", "r3", "r4", "r5");
}

char LICENSE[] SEC("license") = "GPL";
