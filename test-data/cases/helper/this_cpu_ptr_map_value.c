// case: bpf_this_cpu_ptr takes a per-CPU kernel pointer (ARG_PTR_TO_PERCPU_BTF_ID), not a map value
// kernel: reject
// expect: helper.arg_type @ line 24
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static void *(*bpf_this_cpu_ptr)(const void *percpu_ptr) = (void *)154;

struct {
    int (*type)[BPF_MAP_TYPE_ARRAY];
    int (*max_entries)[1];
    __u32 *key;
    __u64 *value;
} values SEC(".maps");

SEC("tc")
int this_cpu_map_value(struct __sk_buff *skb)
{
    __u32 key = 0;
    __u64 *v = bpf_map_lookup_elem(&values, &key);
    if (!v)
        return 0;
    bpf_this_cpu_ptr(v);
    return 0;
}
char _license[] SEC("license") = "GPL";
