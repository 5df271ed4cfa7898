// case: the NULL check jumps the wrong way: the value is read on the path where the lookup returned NULL (inline BPF assembly)
// kernel: reject
// expect: pointer.not_pointer @ insn 9
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
        "r6 = 2;"
        "if r0 != 0 goto out;"           /* meant: if r0 == 0 goto out */
        "r6 = *(u64 *)(r0 + 0);"         /* r0 is NULL here */
        "r6 &= 3;"
        "out:"
        "r0 = r6;"
        "exit;"
        :
        : [flows] "i"(&flows)
        : "memory");
}

char LICENSE[] SEC("license") = "GPL";
