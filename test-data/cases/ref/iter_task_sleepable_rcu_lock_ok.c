// case: a syscall program (always sleepable) walks the tasks with bpf_iter_task between bpf_rcu_read_lock and bpf_rcu_read_unlock: the iterator is used inside the RCU read section only
// kernel: accept
// args: --kernel 6.12
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

struct task_struct {
    int pid;
} __attribute__((preserve_access_index));
struct bpf_iter_task {
    __u64 __opaque[3];
} __attribute__((aligned(8)));

extern int bpf_iter_task_new(struct bpf_iter_task *it, struct task_struct *task, unsigned int flags) __ksym
    __attribute__((weak));
extern struct task_struct *bpf_iter_task_next(struct bpf_iter_task *it) __ksym __attribute__((weak));
extern void bpf_iter_task_destroy(struct bpf_iter_task *it) __ksym __attribute__((weak));
extern void bpf_rcu_read_lock(void) __ksym __attribute__((weak));
extern void bpf_rcu_read_unlock(void) __ksym __attribute__((weak));

__u64 tasks;

SEC("syscall")
int count_tasks(void *ctx)
{
    struct bpf_iter_task it;
    __u64 n = 0;
    bpf_rcu_read_lock();
    bpf_iter_task_new(&it, (void *)0, 0);
    while (bpf_iter_task_next(&it))
        n++;
    bpf_iter_task_destroy(&it);
    bpf_rcu_read_unlock();
    tasks = n;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
