// case: with CAP_PERFMON a program may read the map's kernel struct through the map pointer: its first member, the ops pointer, whole
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, int);
    __type(value, __u64);
} arr SEC(".maps");

SEC("socket")
int ops(void *ctx) {
    long v;
    asm volatile("r1 = %[m] ll\n%0 = *(u64 *)(r1 + 0)" : "=r"(v) : [m] "i"(&arr) : "r1");
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
