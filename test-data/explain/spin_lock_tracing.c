// case: a kprobe program takes a bpf_spin_lock in a map value: tracing programs cannot use spin locks
// kernel: reject
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_spin_lock)(struct bpf_spin_lock *lock) = (void *)93;
static long (*bpf_spin_unlock)(struct bpf_spin_lock *lock) = (void *)94;
struct val { struct bpf_spin_lock lock; __u64 hits; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct val); } counts SEC(".maps");
SEC("kprobe/do_nanosleep")
int count_sleeps(void *ctx)
{
    __u32 zero = 0;
    struct val *v = bpf_map_lookup_elem(&counts, &zero);
    if (!v)
        return 0;
    bpf_spin_lock(&v->lock);
    v->hits++;
    bpf_spin_unlock(&v->lock);
    return 0;
}
char _license[] SEC("license") = "GPL";
