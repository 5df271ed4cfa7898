// case: after a failed bpf_ringbuf_reserve the NULL left in R0 is the return value 0 (drop) of a cgroup_skb program (inline BPF assembly)
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 4096);
} events SEC(".maps");

SEC("cgroup_skb/ingress")
__attribute__((naked)) int prog_asm(void) {
    asm volatile(
        "r6 = r1;"
        "r1 = %[events] ll;"
        "r2 = 8;"
        "r3 = 0;"
        "call 131;"                      /* bpf_ringbuf_reserve */
        "if r0 == 0 goto out;"           /* NULL: return 0 (R0 is 0 here) */
        "r1 = *(u32 *)(r6 + 0);"         /* skb->len */
        "*(u32 *)(r0 + 0) = r1;"
        "r1 = r0;"
        "r2 = 0;"
        "call 132;"                      /* bpf_ringbuf_submit */
        "r0 = 1;"
        "out:"
        "exit;"
        :
        : [events] "i"(&events)
        : "memory");
}

char LICENSE[] SEC("license") = "GPL";
