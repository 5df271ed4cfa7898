// case: bpf_get_stack's result is at most the size it was given (do_refine_retval_range), so a second call may fill the rest of the buffer after it; the result is sign-extended from 32 bits (r <<= 32; r s>>= 32), whose bounds the kernel keeps
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct trace {
    char frames[48];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, int);
    __type(value, struct trace);
} traces SEC(".maps");

SEC("kprobe/do_nanosleep")
int stacks(void *ctx) {
    int key = 0;
    struct trace *t = bpf_map_lookup_elem(&traces, &key);
    if (!t)
        return 0;
    register void *c asm("r6") = ctx;
    register void *b asm("r7") = t->frames;
    asm volatile("r1 = r6\n"
                 "r2 = r7\n"
                 "r3 = 24\n"
                 "r4 = 256\n"
                 "call 67\n"
                 "r8 = r0\n"
                 "r8 <<= 32\n"
                 "r8 s>>= 32\n"
                 "if r8 s< 0 goto 1f\n"
                 "r3 = 24\n"
                 "r3 -= r8\n"
                 "r2 = r7\n"
                 "r2 += r8\n"
                 "r1 = r6\n"
                 "r4 = 0\n"
                 "call 67\n"
                 "1:\n"
                 : "+r"(c), "+r"(b)
                 :
                 : "r0", "r1", "r2", "r3", "r4", "r5", "r8", "memory");
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
