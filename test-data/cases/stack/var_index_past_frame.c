// case: mask allows an index twice the array length: the variable-offset write can reach above the top of the stack frame
// expect: stack.out_of_bounds @ line 23
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

/* struct pt_regs of x86-64 (arch/x86/include/asm/ptrace.h) */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
    unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)113;

SEC("kprobe/vfs_write")
int slot_counts(struct pt_regs *ctx)
{
    __u64 slots[4];

    if (bpf_probe_read_kernel(slots, sizeof(slots), (void *)ctx->di))
        return 0;
    slots[ctx->si & 7] = 1; // <-- index up to 7 in a 4-element array
    return slots[0];
}

char LICENSE[] SEC("license") = "GPL";
