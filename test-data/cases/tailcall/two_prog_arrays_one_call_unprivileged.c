// case: without CAP_BPF one tail call instruction may be reached with only one prog array: the kernel bounds the index with that map's size against Spectre v1, and a second map "poisons" it (record_func_map, do_misc_fixups: tail_call abusing map_ptr)
// type: socket_filter
// args: --unprivileged
// expect: tailcall.map @ insn 7
// kernel: reject
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
__attribute__((naked)) int two_maps_one_tail_call_unpriv(void)
{
    asm volatile("r0 = *(u32 *)(r1 + 0);"
                 "r2 = %[jumps_a] ll;"
                 "if r0 == 1 goto 1f;"
                 "r2 = %[jumps_b] ll;"
                 "1: r3 = 0;"
                 "call 12;"
                 "r0 = 0;"
                 "exit;" ::[jumps_a] "i"(&jumps_a),
                 [jumps_b] "i"(&jumps_b)
                 : "r0", "r1", "r2", "r3", "r4", "r5");
}

char LICENSE[] SEC("license") = "GPL";
