// case: iter/task reads task->thread_info.flags without checking task: the iterator's task is PTR_TO_BTF_ID_OR_NULL
// expect: null.deref @ line 21
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct task_struct {
    unsigned long flags;
};
struct bpf_iter__task {
    void *meta;
    struct task_struct *task;
};

SEC("iter/task")
int iter_task_no_check(struct bpf_iter__task *ctx)
{
    struct task_struct *task = ctx->task;
    return task->flags & 1;
}

char LICENSE[] SEC("license") = "GPL";
