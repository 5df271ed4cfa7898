// case: a per-task counter in a task-storage map, created on first use; the kernel creates such maps only with BTF key and value types (GCC 12's objects, whose BTF it refuses, cannot load them: data.gcc)
// kernel: accept
// requires: kernel-btf
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct task_struct;

static void *(*bpf_task_storage_get)(void *map, struct task_struct *task, void *value, __u64 flags) = (void *)156;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;

struct {
    __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, __u64);
} switches SEC(".maps");

SEC("tp_btf/sched_switch")
int count_switches(void *ctx)
{
    __u64 *count = bpf_task_storage_get(&switches, bpf_get_current_task_btf(), 0, BPF_LOCAL_STORAGE_GET_F_CREATE);

    if (!count)
        return 0;
    *count += 1;
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
