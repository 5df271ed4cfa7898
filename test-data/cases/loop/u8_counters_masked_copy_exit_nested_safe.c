// case: two nested loops counted by u8 counters, as Falco's sched_process_exit walks its reaper candidates: clang tests a masked copy of each counter taken before the increment (`r8 = r6; r6 += 1; ...; r8 &= 0xff; if 5 > r8`), and the outer counter is spilled around the inlined inner loop, whose counter reuses its register; the copy's low byte moves by 1 per iteration and cannot wrap while it stays below 6, so each loop is bounded
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct list_head { struct list_head *next; };
struct signal_struct { struct list_head thread_head; int flags; };
struct task_struct {
    int pid;
    unsigned int flags;
    struct task_struct *real_parent;
    struct signal_struct *signal;
    struct list_head thread_node;
} __attribute__((preserve_access_index));
static long (*bpf_probe_read_kernel)(void *dst, __u32 size, const void *src) = (void *)113;
#define READ(dst, src) bpf_probe_read_kernel(&(dst), sizeof(dst), &(src))
static __always_inline int find_alive(struct task_struct *father)
{
    struct signal_struct *signal = 0;
    struct list_head *next = 0;
    READ(signal, father->signal);
    struct list_head *head = &signal->thread_head;
    READ(next, head->next);
    unsigned char cnt = 0;
    for (struct task_struct *t = (void *)next - __builtin_offsetof(struct task_struct, thread_node);
         next != head && cnt < 4;
         t = (void *)next - __builtin_offsetof(struct task_struct, thread_node)) {
        unsigned int flags = 0;
        int pid = 0;
        cnt++;
        READ(flags, t->flags);
        if (!(flags & 4)) {
            READ(pid, t->pid);
            return pid;
        }
        READ(next, t->thread_node.next);
    }
    if (cnt == 4)
        return -1;
    return 0;
}
int seen;
SEC("tp_btf/sched_process_exit")
int reaper(unsigned long long *ctx)
{
    struct task_struct *father = (struct task_struct *)ctx[0];
    struct task_struct *r = 0;
    int pid = 0;
    unsigned char cnt = 0;
    READ(r, father->real_parent);
    for (; cnt < 6; READ(r, r->real_parent)) {
        cnt++;
        int flags = 0;
        READ(flags, r->pid);
        if (flags == 7)
            continue;
        pid = find_alive(r);
        if (pid != 0)
            break;
    }
    seen = pid;
    return 0;
}
char _license[] SEC("license") = "GPL";
