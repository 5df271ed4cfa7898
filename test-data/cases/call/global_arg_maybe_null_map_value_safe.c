// case: a map lookup's result, not checked against NULL, is passed to a global function whose (untagged) pointer parameter may be NULL and is checked inside
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct slot { int x; };
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1); __type(key, __u32); __type(value, struct slot); } slots SEC(".maps");
__attribute__((noinline)) int slot_x(const struct slot *s)
{
    return s ? s->x : 0;
}
SEC("tc")
int pass_maybe_null(struct __sk_buff *skb)
{
    __u32 key = 0;
    return slot_x(bpf_map_lookup_elem(&slots, &key)) > 0;
}
char _license[] SEC("license") = "GPL";
