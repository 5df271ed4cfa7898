// case: the lookup result is read before its NULL check; clang drops the late check, so the first access (p->hits, line 32) is unguarded
// kernel: reject
// expect: null.deref @ line 32
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct policy {
    __u32 action;
    __u32 hits;
};

struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, 1024);
    __type(key, __u32);
    __type(value, struct policy);
} policies SEC(".maps");

SEC("tc")
int tc_policy(struct __sk_buff *skb) {
    __u32 mark = skb->mark;
    struct policy *p = bpf_map_lookup_elem(&policies, &mark);
    /* read the action first; the NULL check below is too late */
    __u32 action = p->action;
    if (!p)
        return 0;
    p->hits++;
    return action;
}

char LICENSE[] SEC("license") = "GPL";
