// case: bpf_kptr_xchg takes a struct prog_test_ref_kfunc out of a map value's __kptr field (a reference) and the program exits without releasing it
// kernel: reject
// requires: kernel-btf
// expect: ref.leak @ line 27
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __ksym __attribute__((section(".ksyms")))
#define __kptr __attribute__((btf_type_tag("kptr")))
struct prog_test_ref_kfunc { int a; } __attribute__((preserve_access_index));
extern void bpf_kfunc_call_test_release(struct prog_test_ref_kfunc *p) __ksym;
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static void *(*bpf_kptr_xchg)(void *map_value, void *ptr) = (void *)194;
struct val { struct prog_test_ref_kfunc __kptr *ref; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct val); } stash SEC(".maps");
SEC("tc")
int take_out_and_leak(struct __sk_buff *skb)
{
    __u32 zero = 0;
    struct val *v = bpf_map_lookup_elem(&stash, &zero);
    struct prog_test_ref_kfunc *old;
    if (!v) return 0;
    old = bpf_kptr_xchg(&v->ref, 0);
    if (!old) return 1;
    return 0;
}
char _license[] SEC("license") = "GPL";
