// case: a task iterator calls bpf_setsockopt: only the tcp and unix iterators' get_func_proto offer it (bpf_iter_{tcp,unix}_get_func_proto), tracing programs otherwise do not get it
// expect: helper.not_for_type @ line 24
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_setsockopt)(void *sk, int level, int optname, void *optval, int optlen) = (void *)BPF_FUNC_setsockopt;

struct task_struct;
struct bpf_iter__task {
    void *meta;
    struct task_struct *task;
};

SEC("iter/task")
int set_mark(struct bpf_iter__task *ctx)
{
    int mark = 1;

    if (!ctx->task)
        return 0;
    bpf_setsockopt(ctx, 1 /* SOL_SOCKET */, 36 /* SO_MARK */, &mark, sizeof(mark));
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
