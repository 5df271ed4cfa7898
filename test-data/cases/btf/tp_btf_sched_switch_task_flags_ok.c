// case: tp_btf/sched_switch reads prev->thread_info.flags (offset 0 of struct task_struct, inside the nested struct thread_info) and the scalar argument prev_state
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct thread_info {
    unsigned long flags;
};
struct task_struct {
    struct thread_info thread_info;  // x86-64, CONFIG_THREAD_INFO_IN_TASK
};

SEC("tp_btf/sched_switch")
int sched_switch_flags(unsigned long long *ctx)
{
    struct task_struct *prev = (struct task_struct *)ctx[1];
    unsigned int prev_state = (unsigned int)ctx[3];
    return (prev->thread_info.flags & 1) + prev_state;
}

char LICENSE[] SEC("license") = "GPL";
