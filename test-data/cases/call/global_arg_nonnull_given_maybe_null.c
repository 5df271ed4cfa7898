// case: a map lookup's result, not checked against NULL, is passed for a global function's __arg_nonnull parameter
// kernel: reject
// expect: call.global_arg @ line 20
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __arg_nonnull __attribute__((btf_decl_tag("arg:nonnull")))
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct slot { int x; };
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1); __type(key, __u32); __type(value, struct slot); } slots SEC(".maps");
__attribute__((noinline)) int slot_x(const struct slot *s __arg_nonnull)
{
    return s->x;
}
SEC("tc")
int pass_maybe_null_nonnull(struct __sk_buff *skb)
{
    __u32 key = 0;
    return slot_x(bpf_map_lookup_elem(&slots, &key)) > 0;
}
char _license[] SEC("license") = "GPL";
