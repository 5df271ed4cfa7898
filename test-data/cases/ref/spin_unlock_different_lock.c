// case: the lock of one map value is taken and the lock of another is released
// kernel: reject
// expect: ref.lock_not_held @ line 40
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
    __u32 total_key = 0;
    struct counter *c = bpf_map_lookup_elem(&counters, &key);
    struct counter *total = bpf_map_lookup_elem(&counters, &total_key);

    if (!c || !total)
        return 0;
    bpf_spin_lock(&c->lock);
    total->packets++;
    bpf_spin_unlock(&total->lock);
    c->packets++;
    c->bytes += skb->len;
    bpf_spin_unlock(&c->lock);
    return 0;
}

char _license[] SEC("license") = "GPL";
