// case: an early return for short packets leaves the value's bpf_spin_lock held at exit
// kernel: reject
// expect: ref.lock_held @ line 43
//
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_spin_lock)(struct bpf_spin_lock *lock) = (void *)93;
static long (*bpf_spin_unlock)(struct bpf_spin_lock *lock) = (void *)94;

struct counter {
    struct bpf_spin_lock lock;
    __u64 packets;
    __u64 bytes;
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, struct counter);
} counters SEC(".maps");

SEC("tc")
int tc_count(struct __sk_buff *skb)
{
    __u32 key = skb->ifindex;
    struct counter *c = bpf_map_lookup_elem(&counters, &key);

    if (!c)
        return 0;
    bpf_spin_lock(&c->lock);
    c->packets++;
    if (skb->len < 64)
        return 0;
    c->bytes += skb->len;
    bpf_spin_unlock(&c->lock);
    return 0;
}

char _license[] SEC("license") = "GPL";
