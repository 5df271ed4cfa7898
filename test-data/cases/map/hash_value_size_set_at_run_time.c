// case: a hash map declared without a value size (key only), as skeleton users do when the loader sets it with bpf_map__set_value_size before bpf_object__load (libbpf-tools' stack maps, the selftests' benchmarks): loaded as it is, the kernel refuses to create it (htab_map_alloc_check: EINVAL), but a size of 0 is the one no loader leaves, so the tool does not report it
// kernel: load-error
// kernel-differs: the object is incomplete on purpose: its user-space loader sets the map's value size at run time, which the object does not say
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
} stacks SEC(".maps");
SEC("socket")
int touch(struct __sk_buff *skb)
{
    __u32 key = skb->len;
    return bpf_map_lookup_elem(&stacks, &key) != 0;
}
char _license[] SEC("license") = "GPL";
