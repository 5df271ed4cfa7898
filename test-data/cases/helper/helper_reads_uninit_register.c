// case: the key pointer is set up before a helper call that clobbers R1-R5, so bpf_map_lookup_elem reads an unset R2 (inline BPF assembly)
// kernel: reject
// expect: uninit.register @ insn 6
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u64);
    __type(value, __u64);
} table SEC(".maps");

SEC("xdp")
__attribute__((naked)) int prog_asm(void) {
    asm volatile(
        "r2 = r10;"
        "r2 += -8;"
        "*(u64 *)(r10 - 8) = r1;"        /* key: the context address */
        "call 5;"                        /* bpf_ktime_get_ns: clobbers R1-R5 */
        "r1 = %[table] ll;"
        "call 1;"                        /* bpf_map_lookup_elem(table, R2?) */
        "r0 = 2;"
        "exit;"
        :
        : [table] "i"(&table)
        : "memory");
}

char LICENSE[] SEC("license") = "GPL";
