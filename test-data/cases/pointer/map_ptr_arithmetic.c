// case: an offset is added to the map pointer itself (not to a looked-up value) before the lookup (reported once; the call that then lacks its map is not reported again) (inline BPF assembly)
// kernel: reject
// expect: pointer.arithmetic @ insn 6
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 8);
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
        "r1 += 8;"                       /* meant: the second field of the value */
        "call 1;"                        /* bpf_map_lookup_elem */
        "r0 = 2;"
        "exit;"
        :
        : [table] "i"(&table)
        : "memory");
}

char LICENSE[] SEC("license") = "GPL";
