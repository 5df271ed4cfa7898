// case: a tp_btf program points at one of two members of a task_struct, each branch adding its member's offset, and reads through the pointer where the branches meet (clang makes `max(tp->snd_cwnd, tp->packets_out)` so in the selftests' bpf_cc_cubic): the kernel walks each path with its own constant offset; joined, the pointer had a variable offset, which no BTF pointer may be read at, so such pointers' offsets keep states apart
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct task_struct {
    int pid;
    int tgid;
    unsigned int flags;
} __attribute__((preserve_access_index));

int picked;

SEC("tp_btf/sched_switch")
int pick_member(unsigned long long *ctx)
{
    struct task_struct *prev = (struct task_struct *)ctx[1];
    const int *member;
    if (prev->flags & 1) {
        member = &prev->pid;
        asm volatile("" : "+r"(member));
    } else {
        member = &prev->tgid;
        asm volatile("" : "+r"(member));
    }
    picked = *member;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
