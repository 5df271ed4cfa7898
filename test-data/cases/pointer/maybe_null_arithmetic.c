// case: the field offset is added to the lookup result before its NULL check; reported once, after which R0 counts as checked, so the read that follows does not fail again (inline BPF assembly)
// kernel: reject
// expect: pointer.arithmetic @ insn 7
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, struct {
        __u64 first;
        __u64 second;
    });
} table SEC(".maps");

SEC("xdp")
__attribute__((naked)) int xdp_prog(void) {
    asm volatile(
        "r6 = 0;"
        "*(u32 *)(r10 - 4) = r6;"
        "r2 = r10;"
        "r2 += -4;"
        "r1 = %[table] ll;"
        "call 1;"                        /* bpf_map_lookup_elem */
        "r0 += 8;"                       /* &value->second, computed too early */
        "if r0 == 0 goto out;"
        "r6 = *(u64 *)(r0 + 0);"
        "out:"
        "r0 = r6;"
        "r0 &= 3;"
        "exit;"
        :
        : [table] "i"(&table)
        : "memory");
}

char LICENSE[] SEC("license") = "GPL";
