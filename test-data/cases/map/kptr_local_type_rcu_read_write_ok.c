// case: a referenced __kptr to the program's own struct (not in the kernel's BTF), loaded in a tc program (an RCU critical section): btf_ld_kptr_type makes it MEM_ALLOC | MEM_RCU, an allocated object the program reads and writes once checked against NULL (rcu_protected_object: every program type is)
// kernel: accept
// expect: pass
// requires: kernel-btf
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __kptr __attribute__((btf_type_tag("kptr")))
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct node_data { long key; long data; };
struct node_data node_template; /* the whole struct in the BTF (else only declared) */
struct stash { struct node_data __kptr *node; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct stash); } stashes SEC(".maps");
SEC("tc")
int read_stashed(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct stash *s = bpf_map_lookup_elem(&stashes, &zero);
    if (!s)
        return 0;
    struct node_data *n = s->node;
    if (!n)
        return 1;
    n->data += 1;
    return n->data + n->key;
}
char _license[] SEC("license") = "GPL";
