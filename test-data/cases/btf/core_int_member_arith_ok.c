// case: iter/task_vma subtracts vma->vm_start, read through CO-RE (preserve_access_index), from a number: the member is an integer in the object's BTF, so libbpf relocates the load to the kernel's integer member and the kernel's btf_struct_walk makes the read a number (WALK_SCALAR), not a pointer
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct vm_area_struct {
    unsigned long vm_start;
    unsigned long vm_end;
} __attribute__((preserve_access_index));
struct bpf_iter__task_vma {
    void *meta;
    void *task;
    struct vm_area_struct *vma;
} __attribute__((preserve_access_index));

unsigned long address;
unsigned long offset;

SEC("iter/task_vma")
int core_int_member_arith(struct bpf_iter__task_vma *ctx)
{
    struct vm_area_struct *vma = ctx->vma;
    if (!vma)
        return 0;
    if (vma->vm_start <= address && vma->vm_end > address)
        offset = address - vma->vm_start;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
