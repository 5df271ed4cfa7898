// case: the task of kptr_rcu_pointer_used_after_unlock acquired inside the RCU read section, where it is still MEM_RCU (checked against NULL first): the kernel accepts it, and the reference outlives the section
// expect: pass
// requires: kernel-btf
// kernel: accept
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __ksym __attribute__((section(".ksyms")))
#define __kptr __attribute__((btf_type_tag("kptr")))

struct task_struct {
    int pid;
} __attribute__((preserve_access_index));

struct stored {
    struct task_struct __kptr *task;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, int);
    __type(value, struct stored);
} tasks SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

SEC("tp_btf/task_newtask")
int acquire_before_unlock(unsigned long long *ctx)
{
    int key = 0;
    struct stored *v = bpf_map_lookup_elem(&tasks, &key);
    struct task_struct *t;

    if (!v)
        return 0;
    bpf_rcu_read_lock();
    t = v->task;
    if (t)
        t = bpf_task_acquire(t);
    bpf_rcu_read_unlock();
    if (t)
        bpf_task_release(t);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
