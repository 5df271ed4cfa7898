// case: a 32-bit compare `w0 == 0` tests only the low half of the pointer; it is no NULL check (inline BPF assembly)
// kernel: reject
// expect: null.deref @ insn 8
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u32);
    __type(value, __u64);
} flows SEC(".maps");

SEC("xdp")
__attribute__((naked)) int xdp_prog(void) {
    asm volatile(
        "r1 = *(u32 *)(r1 + 16);"        /* ctx->ingress_ifindex */
        "*(u32 *)(r10 - 4) = r1;"
        "r2 = r10;"
        "r2 += -4;"
        "r1 = %[flows] ll;"
        "call 1;"                        /* bpf_map_lookup_elem */
        "if w0 == 0 goto out;"
        "r1 = *(u64 *)(r0 + 0);"
        "out:"
        "r0 = 2;"
        "exit;"
        :
        : [flows] "i"(&flows)
        : "memory");
}

char LICENSE[] SEC("license") = "GPL";
