// case: iter/task_vma follows a pointer member: vma->vm_mm (struct mm_struct *) then reads mm->mm_count; the walked pointer is typed from BTF too
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct mm_struct {
    int mm_count;  // inside the first (cacheline-aligned) anonymous struct
};
struct vm_area_struct {
    unsigned long vm_start;
    unsigned long vm_end;
    struct mm_struct *vm_mm;
};
struct bpf_iter__task_vma {
    void *meta;
    void *task;
    struct vm_area_struct *vma;
};

SEC("iter/task_vma")
int iter_vma_chain(struct bpf_iter__task_vma *ctx)
{
    struct vm_area_struct *vma = ctx->vma;
    if (!vma)
        return 0;
    struct mm_struct *mm = vma->vm_mm;
    return (mm->mm_count & 1) && vma->vm_end > vma->vm_start;  // iterators return 0 or 1
}

char LICENSE[] SEC("license") = "GPL";
