// case: a map value array indexed by an unchecked context field can be read past value_size
// kernel: reject
// expect: map.bounds @ line 30
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct prio_table {
    __u32 class_of[8];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct prio_table);
} prio SEC(".maps");

SEC("tc")
int tc_classify(struct __sk_buff *skb) {
    __u32 key = 0;
    struct prio_table *t = bpf_map_lookup_elem(&prio, &key);
    if (!t)
        return 0;
    __u32 p = skb->priority;
    skb->tc_classid = t->class_of[p];
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
