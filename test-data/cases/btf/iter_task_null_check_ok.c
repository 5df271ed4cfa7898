// case: iter/task reads task->thread_info.flags after checking task != NULL (the iterator passes NULL once, at the end)
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct task_struct {
    unsigned long flags;  // thread_info.flags, at offset 0 on x86-64
};
struct bpf_iter__task {
    void *meta;
    struct task_struct *task;
};

SEC("iter/task")
int iter_task_ok(struct bpf_iter__task *ctx)
{
    struct task_struct *task = ctx->task;
    if (!task)
        return 0;
    return task->flags & 1;
}

char LICENSE[] SEC("license") = "GPL";
