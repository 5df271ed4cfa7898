// case: bpf_wq_init with the map the bpf_wq was looked up in
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct bpf_wq { __u64 __opaque[2]; } __attribute__((aligned(8)));
extern int bpf_wq_init(struct bpf_wq *wq, void *p__map, unsigned int flags) __ksym;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct elem { struct bpf_wq w; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 2); __type(key, int); __type(value, struct elem); } array SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 2); __type(key, int); __type(value, struct elem); } other SEC(".maps");
SEC("tc")
int wq_own_map(struct __sk_buff *skb)
{
    int key = 0;
    struct elem *val = bpf_map_lookup_elem(&array, &key);
    if (!val)
        return 0;
    if (bpf_wq_init(&val->w, &array, 0) != 0)
        return 1;
    return 0;
}
char _license[] SEC("license") = "GPL";
