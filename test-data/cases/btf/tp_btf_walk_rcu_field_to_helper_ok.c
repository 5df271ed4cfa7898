// case: a tp_btf program passes task->group_leader, read from its trusted task_struct argument, to bpf_task_storage_get: the field is listed BTF_TYPE_SAFE_RCU(struct task_struct) and a program that does not sleep is in an RCU critical section, so the pointer is RCU-protected (check_ptr_to_btf_access: type_is_rcu) and the helper takes it
// kernel: accept
// requires: kernel-btf
// args: --kernel 6.18
// expect: pass
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
int walk_group_leader(u64 *ctx)
{
    struct task_struct *prev = (void *)ctx[1];
    long *value = bpf_task_storage_get(&task_map, prev->group_leader, 0, 0);
    if (value)
        seen = *value;
    return 0;
}
char _license[] SEC("license") = "GPL";
