// case: the same tail call with one prog array on both paths is fine without CAP_BPF
// type: socket_filter
// args: --unprivileged
// expect: pass
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]

struct {
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __uint(max_entries, 2);
    __uint(key_size, sizeof(__u32));
    __uint(value_size, sizeof(__u32));
} jumps_a SEC(".maps"), jumps_b SEC(".maps");

SEC("socket")
__attribute__((naked)) int one_map_one_tail_call_unpriv(void)
{
    asm volatile("r0 = *(u32 *)(r1 + 0);"
                 "r2 = %[jumps_a] ll;"
                 "if r0 == 1 goto 1f;"
                 "r2 = %[jumps_a] ll;"
                 "1: r3 = 0;"
                 "call 12;"
                 "r0 = 0;"
                 "exit;" ::[jumps_a] "i"(&jumps_a),
                 [jumps_b] "i"(&jumps_b)
                 : "r0", "r1", "r2", "r3", "r4", "r5");
}

char LICENSE[] SEC("license") = "GPL";
