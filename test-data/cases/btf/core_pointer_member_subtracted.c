// case: iter/task_vma subtracts vma->vm_mm, read through CO-RE (preserve_access_index), from a number: the member is a pointer to a struct in the object's BTF, so the kernel's read is a pointer (WALK_PTR) and a number minus a pointer is refused (adjust_ptr_min_max_vals; the kernel names the unbounded number first: "math between untrusted_ptr_ pointer and register with unbounded min value")
// expect: pointer.arithmetic @ line 30
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct mm_struct {
    int mm_count;
} __attribute__((preserve_access_index));
struct vm_area_struct {
    struct mm_struct *vm_mm;
} __attribute__((preserve_access_index));
struct bpf_iter__task_vma {
    void *meta;
    void *task;
    struct vm_area_struct *vma;
} __attribute__((preserve_access_index));

unsigned long address;
unsigned long offset;

SEC("iter/task_vma")
int core_pointer_member_subtracted(struct bpf_iter__task_vma *ctx)
{
    struct vm_area_struct *vma = ctx->vma;
    if (!vma)
        return 0;
    offset = address - (unsigned long)vma->vm_mm;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
