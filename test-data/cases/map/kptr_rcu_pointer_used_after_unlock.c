// case: a task read from a map value's __kptr field inside bpf_rcu_read_lock is MEM_RCU; bpf_rcu_read_unlock makes every MEM_RCU pointer PTR_UNTRUSTED (check_kfunc_call), so passing it to bpf_task_acquire (KF_RCU) after the unlock is refused (R1 must be a rcu pointer): the task may be freed once the section ends
// expect: helper.arg_type @ line 48
// requires: kernel-btf
// kernel: reject
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
int acquire_after_unlock(unsigned long long *ctx)
{
    int key = 0;
    struct stored *v = bpf_map_lookup_elem(&tasks, &key);
    struct task_struct *t;

    if (!v)
        return 0;
    bpf_rcu_read_lock();
    t = v->task;
    bpf_rcu_read_unlock();
    if (!t)
        return 0;
    t = bpf_task_acquire(t);
    if (t)
        bpf_task_release(t);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
