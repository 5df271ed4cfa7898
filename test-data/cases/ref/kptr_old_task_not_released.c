// case: the task that bpf_kptr_xchg takes out of the map value is never released
// kernel: reject
// requires: kernel-btf
// expect: map.kptr_access @ line 30
// expect: ref.leak @ line 32
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __ksym __attribute__((section(".ksyms")))
#define __kptr __attribute__((btf_type_tag("kptr")))
struct task_struct { int pid; } __attribute__((preserve_access_index));
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static void *(*bpf_kptr_xchg)(void *map_value, void *ptr) = (void *)194;
static struct task_struct *(*bpf_get_current_task_btf)(void) = (void *)158;
struct val { struct task_struct __kptr *task; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct val); } stash SEC(".maps");
SEC("tp_btf/sched_switch")
int stash_task(void *ctx)
{
    __u32 zero = 0;
    struct val *v = bpf_map_lookup_elem(&stash, &zero);
    struct task_struct *t, *old;
    if (!v) return 0;
    t = bpf_task_acquire(bpf_get_current_task_btf());
    if (!t) return 0;
    old = bpf_kptr_xchg(&v->task, t);
    if (old) v->task = 0;
    return 0;
}
char _license[] SEC("license") = "GPL";
