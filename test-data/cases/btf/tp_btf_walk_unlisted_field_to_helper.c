// case: a tp_btf program passes task->parent, read from its trusted task_struct argument, to bpf_task_storage_get: parent is in none of the kernel's BTF_TYPE_SAFE_* lists, so the walked pointer is not trusted (check_ptr_to_btf_access; Linux 6.18 makes it PTR_UNTRUSTED: "R2 type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_")
// kernel: reject
// requires: kernel-btf
// args: --kernel 6.18
// expect: helper.arg_type @ line 27
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct task_struct {
    struct task_struct *parent;
    struct task_struct *group_leader;
} __attribute__((preserve_access_index));
struct {
    __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, long);
} task_map SEC(".maps");
static void *(*bpf_task_storage_get)(void *map, struct task_struct *task, void *value, __u64 flags) = (void *)156;
typedef unsigned long long u64;
long seen;
SEC("tp_btf/sched_switch")
int walk_parent(u64 *ctx)
{
    struct task_struct *prev = (void *)ctx[1];
    long *value = bpf_task_storage_get(&task_map, prev->parent, 0, 0);
    if (value)
        seen = *value;
    return 0;
}
char _license[] SEC("license") = "GPL";
