// case: a read through a map pointer itself (not a looked-up value) at a negative offset: with CAP_PERFMON the map's kernel struct may be read, but never before its start ("R1 is bpf_array invalid negative access: off=-8")
// kernel: reject
// expect: btf.bad_access @ line 20
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
int neg(void *ctx) {
    long v;
    asm volatile("r1 = %[m] ll\n%0 = *(u64 *)(r1 - 8)" : "=r"(v) : [m] "i"(&arr) : "r1");
    return 1;
}

char LICENSE[] SEC("license") = "GPL";
