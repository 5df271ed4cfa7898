// case: two lookups of the same lock map give two values: locking one and unlocking the other is "bpf_spin_unlock of different lock" (the lock is its map and the lookup's id, not its offset)
// kernel: reject
// expect: ref.lock_not_held @ line 34
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_spin_lock)(struct bpf_spin_lock *lock) = (void *)93;
static long (*bpf_spin_unlock)(struct bpf_spin_lock *lock) = (void *)94;

struct val {
    int cnt;
    struct bpf_spin_lock lock;
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 2);
    __type(key, int);
    __type(value, struct val);
} locks SEC(".maps");

SEC("tc")
int swap(struct __sk_buff *skb) {
    int k0 = 0, k1 = 1;
    struct val *a = bpf_map_lookup_elem(&locks, &k0);
    struct val *b = bpf_map_lookup_elem(&locks, &k1);
    if (!a || !b)
        return 0;
    bpf_spin_lock(&a->lock);
    bpf_spin_unlock(&b->lock);
    a->cnt++;
    bpf_spin_unlock(&a->lock);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
