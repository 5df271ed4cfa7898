// case: a tp_btf program passes the task a map value's __kptr field holds straight to bpf_task_acquire: the load gives PTR_TO_BTF_ID | MEM_RCU | PTR_MAYBE_NULL (btf_ld_kptr_type), and the KF_RCU kfunc takes no pointer that may be NULL (Possibly NULL pointer passed to trusted arg0)
// expect: null.deref @ line 41
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

SEC("tp_btf/task_newtask")
int acquire_stored(unsigned long long *ctx)
{
    int key = 0;
    struct stored *v = bpf_map_lookup_elem(&tasks, &key);
    struct task_struct *t;

    if (!v)
        return 0;
    t = bpf_task_acquire(v->task);
    if (t)
        bpf_task_release(t);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
