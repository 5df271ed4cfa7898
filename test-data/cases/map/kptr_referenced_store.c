// case: a plain store into a referenced __kptr field: the kernel allows writing it only through bpf_kptr_xchg (check_map_kptr_access)
// kernel: reject
// expect: map.kptr_access @ line 24
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __kptr __attribute__((btf_type_tag("kptr")))
#define __kptr_untrusted __attribute__((btf_type_tag("kptr_untrusted")))
struct task_struct { int pid; } __attribute__((preserve_access_index));
// Makes struct task_struct complete in the object's BTF (a kptr must point to a struct).
struct task_struct *task_btf_anchor;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_get_current_comm)(void *buf, __u32 size) = (void *)16;
struct val { struct task_struct __kptr *task; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct val); } stash SEC(".maps");
SEC("tc")
int clear_ref(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct val *v = bpf_map_lookup_elem(&stash, &zero);
    if (!v)
        return 0;
    *(volatile __u64 *)&v->task = 0;
    return 0;
}
char _license[] SEC("license") = "GPL";
