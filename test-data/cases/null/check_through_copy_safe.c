// case: the lookup result is copied to r6 and the copy is NULL-checked; the check covers r0 too (inline BPF assembly)
// kernel: accept
// expect: pass
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
        "r1 = *(u32 *)(r1 + 16);"   /* ctx->ingress_ifindex */
        "*(u32 *)(r10 - 4) = r1;"
        "r2 = r10;"
        "r2 += -4;"
        "r1 = %[flows] ll;"
        "call 1;"                   /* bpf_map_lookup_elem */
        "r6 = r0;"
        "if r6 == 0 goto 1f;"
        "r1 = *(u64 *)(r0 + 0);"    /* the original: checked through r6 */
        "r1 += 1;"
        "*(u64 *)(r0 + 0) = r1;"
        "1:"
        "r0 = 2;"
        "exit;"
        :
        : [flows] "i"(&flows)
        : "memory");
}

char LICENSE[] SEC("license") = "GPL";
