// case: an iter/task program returns 2: iterators must return 0 (go on) or 1 (stop and retry the object)
// expect: exit.return_range @ line 23
// kernel: reject
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
    return (task->flags & 1) + 1;
}

char LICENSE[] SEC("license") = "GPL";
