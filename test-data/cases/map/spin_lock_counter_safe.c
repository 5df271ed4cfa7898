// case: a counter in a map value guarded by its bpf_spin_lock: the lock is only taken and released, the counter read and written beside it
// kernel: accept
// expect: pass
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
    __uint(max_entries, 1);
    __type(key, int);
    __type(value, struct val);
} locks SEC(".maps");

SEC("tc")
int count(struct __sk_buff *skb) {
    int key = 0;
    struct val *v = bpf_map_lookup_elem(&locks, &key);
    if (!v)
        return 0;
    bpf_spin_lock(&v->lock);
    v->cnt++;
    bpf_spin_unlock(&v->lock);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
