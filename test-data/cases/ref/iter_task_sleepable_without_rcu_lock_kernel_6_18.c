// case: the same walk outside an RCU read section, for Linux 6.18: the kernel refuses the KF_RCU_PROTECTED bpf_iter_task_new itself ("kernel func bpf_iter_task_new requires RCU critical section protection"), where 6.12 refused the next
// kernel: reject
// args: --kernel 6.18
// expect: ref.rcu_lock @ line 31
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
    bpf_iter_task_new(&it, (void *)0, 0);
    while (bpf_iter_task_next(&it))
        n++;
    bpf_iter_task_destroy(&it);
    tasks = n;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
