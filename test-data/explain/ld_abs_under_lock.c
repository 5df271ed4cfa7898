// case: a TC classifier reads the packet with a legacy BPF_LD_ABS load while it holds a bpf_spin_lock
// kernel: reject
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_spin_lock)(struct bpf_spin_lock *lock) = (void *)93;
static long (*bpf_spin_unlock)(struct bpf_spin_lock *lock) = (void *)94;
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
struct val { struct bpf_spin_lock lock; __u64 proto; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct val); } last SEC(".maps");
SEC("tc")
int remember_proto(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct val *v = bpf_map_lookup_elem(&last, &zero);
    if (!v)
        return 0;
    bpf_spin_lock(&v->lock);
    v->proto = load_byte(skb, 23);
    bpf_spin_unlock(&v->lock);
    return 0;
}
char _license[] SEC("license") = "GPL";
