// case: an unreferenced __kptr_untrusted to the program's own struct: its load is PTR_UNTRUSTED (btf_ld_kptr_type: rcu_safe_kptr is false), which the program may read but not write (check_ptr_to_btf_access: "only read is supported")
// kernel: reject
// expect: pointer.btf_write @ line 25
// requires: kernel-btf
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __kptr_untrusted __attribute__((btf_type_tag("kptr_untrusted")))
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct node_data { long key; long data; };
struct node_data node_template; /* the whole struct in the BTF (else only declared) */
struct stash { struct node_data __kptr_untrusted *node; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct stash); } stashes SEC(".maps");
SEC("tc")
int write_stashed(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct stash *s = bpf_map_lookup_elem(&stashes, &zero);
    if (!s)
        return 0;
    struct node_data *n = s->node;
    if (!n)
        return 1;
    n->data = n->key;
    return 2;
}
char _license[] SEC("license") = "GPL";
